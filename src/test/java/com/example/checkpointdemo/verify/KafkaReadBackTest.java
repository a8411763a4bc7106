package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.kafka.KafkaTopics;
import com.example.checkpointdemo.kafka.UpsertChangelog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An upsert sink's changelog applied as its reader applies it: the final table, a replay counted, a delete of no key named. */
class KafkaReadBackTest {

    @Test
    void theFinalTableKeepsEachKeysLastValueAndAReplayIsCountedNotBlamed() {
        final KafkaReadBack.Read read = KafkaReadBack.changelog("totals", UpsertChangelog.of(List.of(
                record(0, "ana", "1"), record(1, "bo", "1"), record(2, "ana", "2"),
                // a restore: ana's value from before the checkpoint written again, then on
                record(3, "ana", "2"), record(4, "ana", "3"), record(5, "bo", null))));

        assertThat(read.rows().columns()).containsExactly("key", "value");
        assertThat(read.rows().rows()).containsExactly(List.of("ana", "3"));
        assertThat(read.anomalies()).isEmpty();
        assertThat(read.found()).singleElement().asString()
                .startsWith("totals: a changelog of 6 records, 1 keys in its final table; 1 records wrote a value the key had had before");
    }

    @Test
    void aDeleteOfAKeyNoRecordInsertedIsABrokenChangelog() {
        final KafkaReadBack.Read read = KafkaReadBack.changelog("totals", UpsertChangelog.of(List.of(record(0, "ana", "1"), record(1, "chen", null))));

        assertThat(read.anomalies()).singleElement().satisfies(anomaly -> {
            assertThat(anomaly.kind()).isEqualTo(Anomaly.Kind.BROKEN_CHANGELOG);
            assertThat(anomaly.describe()).isEqualTo(
                    "BROKEN CHANGELOG in totals (1): a delete of key chen at offset 1, which no earlier record inserted");
        });
    }

    private static KafkaTopics.Record record(long offset, String key, String value) {
        return new KafkaTopics.Record(0, offset, key, value);
    }
}
