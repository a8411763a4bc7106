package com.example.checkpointdemo.report;

import com.example.checkpointdemo.kafka.KafkaSourceOffsets;
import com.example.checkpointdemo.kafka.KafkaTopics;
import com.example.checkpointdemo.runner.KafkaTable;
import com.example.checkpointdemo.runner.ScriptException;
import com.example.checkpointdemo.runner.ScriptErrors;
import com.example.checkpointdemo.runner.ScriptRun;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's Kafka side, read back once it ended: its input topic (what it read), its output topics
 * from where they ended before the job, as {@code read_committed} (the committed rows the proof
 * checks) and {@code read_uncommitted}, its consumer group's offsets, and the source offsets the
 * restored checkpoint holds.
 */
record KafkaRun(List<SumRow> committed, @Nullable List<RejectRow> rejected, InputValues input, KafkaFacts facts) {

    /**
     * Reads what {@code run} left in Kafka; {@code sums} is its running-sum sink, {@code log} the
     * lines the run added to the Flink log (null: it has none).
     */
    static KafkaRun read(ScriptRun run, KafkaTable sums, @Nullable RestoredState state, CheckpointReader reader, @Nullable List<String> log) {
        if (run.kafkaSources().size() != 1) {
            throw new ScriptException(run.script() + ": expected one Kafka source table, found "
                    + run.kafkaSources().stream().map(KafkaTable::name).toList());
        }
        final KafkaTable source = run.kafkaSources().get(0);
        try (KafkaTopics topics = new KafkaTopics(sums.bootstrapServers())) {
            final List<String> committedRecords =
                    topics.read(sums.topic(), run.kafkaSinks().before(sums), KafkaTopics.Isolation.READ_COMMITTED);
            final List<String> uncommittedRecords =
                    topics.read(sums.topic(), run.kafkaSinks().before(sums), KafkaTopics.Isolation.READ_UNCOMMITTED);
            final List<RejectRow> rejected = run.kafkaSinks().withColumns(RejectRow.COLUMNS)
                    .map(table -> CommittedFiles.rejectRowsOfRecords(
                            topics.read(table.topic(), run.kafkaSinks().before(table), KafkaTopics.Isolation.READ_COMMITTED),
                            "topic " + table.topic()))
                    .orElse(null);
            final List<String> inputRecords = topics.read(source.topic(), Map.of(), KafkaTopics.Isolation.READ_COMMITTED);
            Map<String, Long> restoredOffsets = null;
            String notRead = null;
            if (state != null && state.copy() != null) {
                try {
                    restoredOffsets = KafkaSourceOffsets.of(reader.sourceReaderState(
                            java.nio.file.Path.of(state.copy()).toUri().toString(), source.name()));
                } catch (Exception e) {
                    notRead = ScriptErrors.rootMessage(e);
                }
            } else if (state != null) {
                notRead = "the restored checkpoint was not copied";
            }
            final KafkaFacts facts = new KafkaFacts(
                    source.topic(),
                    inputRecords.size(),
                    restoredOffsets,
                    notRead,
                    source.group(),
                    source.group() == null ? Map.of() : topics.groupOffsets(source.group()),
                    sums.topic(),
                    committedRecords.size(),
                    uncommittedRecords.size(),
                    CommittedFiles.sumRowsOfRecords(minus(uncommittedRecords, committedRecords), "topic " + sums.topic())
                            .stream().map(row -> "v=" + row.v() + " (attempt " + row.attempt() + ")").toList(),
                    sums.transactionalIdPrefix() == null ? List.of()
                            : List.copyOf(topics.openTransactions(sums.transactionalIdPrefix()).keySet()),
                    topics.transactionVersion(),
                    log == null ? -1 : (int) log.stream().filter(KafkaFacts::isFencedCommit).count());
            return new KafkaRun(
                    CommittedFiles.sumRowsOfRecords(committedRecords, "topic " + sums.topic()),
                    rejected,
                    // One record per line of the file it was filled from: the same rules read it.
                    InputValues.ofLines(inputRecords),
                    facts);
        }
    }

    /** The records of {@code all} that {@code some} does not have, as many times as they are missing, in order. */
    static List<String> minus(List<String> all, List<String> some) {
        final Map<String, Integer> left = new HashMap<>();
        some.forEach(record -> left.merge(record, 1, Integer::sum));
        final List<String> missing = new ArrayList<>();
        for (String record : all) {
            if (left.merge(record, -1, Integer::sum) < 0) {
                missing.add(record);
            }
        }
        return missing;
    }
}
