package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.evidence.SinkContents;
import com.example.checkpointdemo.evidence.TableRows;
import com.example.checkpointdemo.kafka.KafkaTopics;
import com.example.checkpointdemo.kafka.UpsertChangelog;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.plumbing.Text;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run's Kafka sink committed, read back from the run's own topic. A {@code kafka} sink is
 * read through Flink, as its own definition (or the script's reader of its topic) reads it, up to
 * the last stable offset: with {@code read_committed}, what a correct consumer sees. An {@code
 * upsert-kafka} sink is read as the changelog it is, record by record: the final table by key is
 * compared, and the changelog checked for what it must not hold (a delete of a key that no record
 * inserted) and counted for what it may (a key written again with a value it had had: a replay).
 */
final class KafkaReadBack {

    private KafkaReadBack() {}

    /** A sink's rows, the anomalies its changelog or its transactions show by themselves, and what else was found. */
    record Read(TableRows rows, List<Anomaly> anomalies, List<String> found) {}

    /** The columns of an upsert sink's final table as read back: each record's key and value, as text. */
    static final List<String> UPSERT_COLUMNS = List.of("key", "value");

    /**
     * Reads {@code sink}'s topic {@code topic} as {@code reader} defines it ({@code ddl}, a table of
     * the script reading the sink's topic, or the sink's own definition), on {@code cluster}: from the
     * topic's start to its end as the reader's isolation level sees it (the sink's own definition
     * reads {@code read_committed}).
     */
    static TableRows plain(ClusterAddress cluster, String reader, String ddl, Map<String, String> readerOptions, boolean ownDefinition,
            String topic, String bootstrapServers, List<String> columns, List<Path> jars) throws Exception {
        final KafkaTopics.Isolation isolation = ownDefinition ? KafkaTopics.Isolation.READ_COMMITTED : KafkaTopics.Isolation.ofTable(readerOptions);
        final Map<String, String> options = new LinkedHashMap<>();
        options.put("topic", topic);
        options.put("properties.bootstrap.servers", bootstrapServers);
        options.put("properties.group.id", "verify-read-back");
        options.put("properties.isolation.level", isolation.config());
        options.put("scan.startup.mode", "earliest-offset");
        try (KafkaTopics topics = new KafkaTopics(bootstrapServers)) {
            final Map<Integer, Long> ends = topics.endOffsetsByPartition(topic, isolation);
            if (ends.values().stream().mapToLong(Long::longValue).sum() == 0) {
                return new TableRows(columns, List.of()); // nothing committed: a bounded read of nothing would never start
            }
            options.put("scan.bounded.mode", "specific-offsets");
            options.put("scan.bounded.specific-offsets", FrozenKafkaInput.boundedAt(ends));
        }
        return SinkContents.read(cluster, ddl, reader, options, jars);
    }

    /** Reads upsert sink {@code sink}'s changelog in {@code topic} with {@code read_committed}: its final table, and what the changelog shows. */
    static Read upsert(String sink, String topic, String bootstrapServers) {
        try (KafkaTopics topics = new KafkaTopics(bootstrapServers)) {
            return changelog(sink, UpsertChangelog.read(topics, topic, Map.of()));
        }
    }

    /** Upsert sink {@code sink}'s changelog, applied: its final table to compare, and what the changelog shows by itself. */
    static Read changelog(String sink, UpsertChangelog changelog) {
        final List<String> deletes = changelog.deletesOfUnknownKeys().stream().map(record -> Text.format(
                "a delete of key %s at offset %d, which no earlier record inserted", record.key(), record.offset())).toList();
        final List<Anomaly> anomalies = deletes.isEmpty() ? List.of() : List.of(new Anomaly(Anomaly.Kind.BROKEN_CHANGELOG, sink,
                deletes.size(), List.copyOf(deletes.subList(0, Math.min(Anomaly.SHOWN, deletes.size())))));
        final List<String> found = List.of(Text.format("%s: a changelog of %d records, %d keys in its final table; %d records wrote a"
                + " value the key had had before (a replay: a reader sees the key go back, then on again)", sink, changelog.records(),
                changelog.finalTable().size(), changelog.rewritten()));
        return new Read(new TableRows(UPSERT_COLUMNS, changelog.finalTable().entrySet().stream()
                .map(e -> List.of(e.getKey(), e.getValue())).toList()), anomalies, found);
    }

    /**
     * The transactions of {@code prefix} still open on the broker: after a job's end each is output
     * no {@code read_committed} reader sees until the broker aborts it, and every such reader of
     * the topic waits behind it.
     */
    static @Nullable Anomaly openTransactions(String sink, @Nullable String prefix, String bootstrapServers) {
        if (prefix == null) {
            return null;
        }
        final Map<String, org.apache.kafka.clients.admin.TransactionState> open;
        try (KafkaTopics topics = new KafkaTopics(bootstrapServers)) {
            open = topics.openTransactions(prefix);
        }
        return open.isEmpty() ? null : new Anomaly(Anomaly.Kind.OPEN_TRANSACTION, sink, open.size(), open.entrySet().stream()
                .limit(Anomaly.SHOWN).map(t -> Text.format("transaction %s is %s after the job's end", t.getKey(), t.getValue())).toList());
    }
}
