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
 * sees the key go back, then on again) are counted, and a delete of a key no record ever inserted
 * (which a correct changelog never holds) is named. A delete of a key deleted already is a replayed
 * delete after a restore: harmless to the reader, and not named.
 */
public record UpsertChangelog(int records, Map<String, String> finalTable, int rewritten, List<KafkaTopics.Record> deletesOfUnknownKeys) {

    /** {@code records}, in the topic's order, applied. */
    public static UpsertChangelog of(List<KafkaTopics.Record> records) {
        final Map<String, String> table = new LinkedHashMap<>();
        final List<KafkaTopics.Record> unknown = new ArrayList<>();
        final Set<List<String>> written = new HashSet<>();
        final Set<String> keys = new HashSet<>();
        int rewritten = 0;
        for (KafkaTopics.Record record : records) {
            if (record.value() == null) {
                table.remove(record.key());
                if (!keys.contains(record.key())) {
                    unknown.add(record);
                }
            } else {
                keys.add(record.key());
                table.put(record.key(), record.value());
                rewritten += written.add(List.of(String.valueOf(record.key()), record.value())) ? 0 : 1;
            }
        }
        return new UpsertChangelog(records.size(), table, rewritten, List.copyOf(unknown));
    }

    /** The topic {@code topic} on {@code topics}' broker, read with {@code read_committed} from {@code from} (its start where absent), applied. */
    public static UpsertChangelog read(KafkaTopics topics, String topic, Map<org.apache.kafka.common.TopicPartition, Long> from) {
        return of(topics.records(topic, from, KafkaTopics.Isolation.READ_COMMITTED));
    }
}
