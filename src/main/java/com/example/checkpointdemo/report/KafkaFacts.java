package com.example.checkpointdemo.report;

import javax.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * What Kafka shows of a run, beside the proof: the input topic; the offset of each partition the
 * restored checkpoint holds for the source (read from its files: where the restarted job read on)
 * and the offsets the consumer group committed (from the broker); the output topic, read from where
 * it ended before the job twice, as a {@code read_committed} consumer (what the proof checks) and as
 * a {@code read_uncommitted} one (Kafka's default), whose extra rows are those of the aborted
 * transactions; and the broker's transaction protocol.
 */
public record KafkaFacts(
        String inputTopic,
        int inputRecords,
        @Nullable Map<String, Long> restoredOffsets,
        @Nullable String restoredOffsetsNotRead,
        @Nullable String group,
        Map<String, Long> groupOffsets,
        String outputTopic,
        int readCommitted,
        int readUncommitted,
        List<String> aborted,
        List<String> openTransactions,
        int transactionVersion) {

    /** The rows {@code read_uncommitted} saw beyond {@code read_committed}: those of aborted (or still open) transactions. */
    public int abortedRows() {
        return readUncommitted - readCommitted;
    }
}
