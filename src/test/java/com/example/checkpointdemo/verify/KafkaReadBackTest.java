package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.kafka.KafkaTopics;
import com.example.checkpointdemo.kafka.UpsertChangelog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a Kafka sink shows by itself, without a broker: an upsert changelog applied as its reader
 * applies it (the final table, a replay counted, a delete of no key named), and the transactions
 * Flink's committer said it could not commit.
 */
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
    void aDeleteReplayedAfterARestoreIsNoBrokenChangelog() {
        final KafkaReadBack.Read read = KafkaReadBack.changelog("totals", UpsertChangelog.of(List.of(
                record(0, "ana", "1"), record(1, "ana", null), record(2, "ana", "1"), record(3, "ana", null))));

        assertThat(read.anomalies()).isEmpty();
        assertThat(read.rows().rows()).isEmpty();
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

    @Test
    void theCommittersUnableToCommitLinesAreToldWithTheFirstTransaction() {
        final String line = "2026-12-06 16:08:06,975 ERROR org.apache.flink.connector.kafka.sink.internal.KafkaCommitter [] - Unable to commit"
                + " transaction (CommitRequestImpl{state=RECEIVED, numRetries=0, committable=KafkaCommittable{producerId=24, epoch=0,"
                + " transactionalId='totals-run-2-0-2', ...";

        assertThat(CommitterLog.uncommittedTransactions(List.of("INFO all is well", line))).singleElement().asString()
                .startsWith("Flink's Kafka committer logged 1 transaction of a completed checkpoint it could not commit")
                .contains("first totals-run-2-0-2");
        assertThat(CommitterLog.uncommittedTransactions(List.of("INFO all is well"))).isEmpty();
    }
}
