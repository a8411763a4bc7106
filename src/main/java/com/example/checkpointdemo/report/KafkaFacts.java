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
 * transactions; the broker's transaction protocol; and how many times the run's Flink log says its
 * Kafka committer found a transaction's producer fenced ({@code -1}: the run had no log to read).
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
        int transactionVersion,
        int fencedCommitsLogged) {

    /** Whether {@code line} of a Flink log is the Kafka committer's ERROR on a transaction whose producer was fenced. */
    public static boolean isFencedCommit(String line) {
        return line.contains("Unable to commit transaction") && line.contains("fenced");
    }

    /** The rows {@code read_uncommitted} saw beyond {@code read_committed}: those of aborted (or still open) transactions. */
    public int abortedRows() {
        return readUncommitted - readCommitted;
    }
}
