package com.example.checkpointdemo.kafka;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An {@code upsert-kafka} topic as its reader applies it: record by record, a value sets its key's
 * row, a record without a value (a tombstone) deletes it. What is left is the final table; on the
 * way, the records that wrote a value the key had had before (a replay after a restore: a reader
 * sees the key go back, then on again) are counted, and a delete of a key no record inserted (which
 * a correct changelog never holds) is named.
 */
public record UpsertChangelog(int records, Map<String, String> finalTable, int rewritten, List<KafkaTopics.Record> deletesOfUnknownKeys) {

    /** {@code records}, in the topic's order, applied. */
    public static UpsertChangelog of(List<KafkaTopics.Record> records) {
        final Map<String, String> table = new LinkedHashMap<>();
        final List<KafkaTopics.Record> unknown = new ArrayList<>();
        final Set<List<String>> written = new HashSet<>();
        int rewritten = 0;
        for (KafkaTopics.Record record : records) {
            if (record.value() == null) {
                if (table.remove(record.key()) == null) {
                    unknown.add(record);
                }
            } else {
                table.put(record.key(), record.value());
                rewritten += written.add(List.of(String.valueOf(record.key()), record.value())) ? 0 : 1;
            }
        }
        return new UpsertChangelog(records.size(), table, rewritten, List.copyOf(unknown));
    }

    /** The topic {@code topic} on {@code topics}' broker, read with {@code read_committed} from its start, applied. */
    public static UpsertChangelog read(KafkaTopics topics, String topic) {
        return of(topics.records(topic, Map.of(), KafkaTopics.Isolation.READ_COMMITTED));
    }
}
