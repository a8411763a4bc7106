package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.cluster.ProcessHome;
import com.example.checkpointdemo.kafka.KafkaBroker;
import com.example.checkpointdemo.kafka.KafkaForRun;
import com.example.checkpointdemo.testing.Browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify} beyond files, on a cluster of real processes with an object store, and a Kafka
 * broker of the tests' own, shared by the tests: a Kafka-to-Kafka job and an upsert-kafka
 * aggregation with s3:// checkpoints are VERIFIED with the broker paused or the store killed, and the
 * exactly-once traps are caught (an at-least-once sink, a read_uncommitted reader), each with its
 * anomaly named.
 */
class KafkaVerifyITCase {

    /** One row per 15 ms: the 200 orders run some 3 s, room for checkpoints and a fault. */
    private static final int PACE = 15;
    private static final Map<String, Path> ORDERS = Map.of("orders", Path.of("data/verify/orders.csv"));

    @TempDir static Path shared;

    private static KafkaBroker broker;
    private static VerifyCluster cluster;

    @TempDir Path dir;

    @BeforeAll
    static void startTheClusterAndTheBroker() throws Exception {
        broker = new KafkaBroker(shared.resolve("kafka"));
        broker.start(ProcessHome.freePortPair(), 1);
        cluster = VerifyCluster.start(shared.resolve("cluster"), false, 2, true).withKafka(KafkaForRun.on(broker));
    }

    @AfterAll
    static void stopThem() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (broker != null) {
                broker.stop();
            }
        }
    }

    @Test
    void aKafkaToKafkaJobIsVerifiedWithTheBrokerPaused() throws Exception {
        final VerifyReport report = verify(Path.of("sql/verify/kafka_running_totals.sql"), Fault.Kind.BROKER_STOP, ORDERS);

        assertVerified(report);
        assertThat(report.runs().get(1).faultDone()).startsWith("paused kafka").contains("(SIGSTOP) for 8.0 s, then SIGCONT");
        assertThat(report.inputs()).singleElement().asString().startsWith("orders: topic orders-verify-").contains("200 records");
        assertThat(report.runs().get(0).rows()).containsEntry("running_totals", 200);
        assertThat(report.sinks()).containsExactly("running_totals");
    }

    @Test
    void anUpsertAggregationWithCheckpointsInAnObjectStoreIsVerifiedWithTheStoreKilled() throws Exception {
        final VerifyReport report = verify(Path.of("sql/verify/upsert_customer_totals.sql"), Fault.Kind.STORE_RESTART, Map.of());

        assertVerified(report);
        assertThat(report.runs().get(1).faultDone()).startsWith("killed s3proxy").contains("started again with its objects");
        assertThat(report.runs().get(0).rows()).as("four customers in the final table").containsEntry("customer_totals", 4);
        assertThat(report.runs().get(1).found()).anySatisfy(fact -> assertThat(fact).startsWith("customer_totals: a changelog of "));
        assertThat(report.changes()).anySatisfy(change -> assertThat(change.value()).startsWith("s3://demo/verify/"));
        final Path page = dir.resolve("verify.html");
        VerifyTimeline.write(report, page);
        try (Browser browser = Browser.start(dir)) {
            browser.open(page.toUri().toString());
            assertThat(browser.all("li[data-run='run 1/1'] .found")).singleElement()
                    .satisfies(fact -> assertThat(fact.getText()).startsWith("customer_totals: a changelog of "));
            browser.screenshotWholePage(Path.of("target/screenshots/verify-upsert.png"));
        }
    }

    @Test
    void anAtLeastOnceKafkaSinkIsCaughtDuplicatingRows() throws Exception {
        final VerifyReport report = verify(Path.of("sql/verify/catch/at_least_once_kafka_sink.sql"), Fault.Kind.TM_KILL, ORDERS,
                Verifications.AT_A_RANDOM_TIME);

        assertCaught(report, "DUPLICATED", "in running_totals: (");
    }

    @Test
    void aReaderAtReadUncommittedIsCaughtSeeingTheAbortedTransactionsRows() throws Exception {
        final VerifyReport report = verify(Path.of("sql/verify/catch/read_uncommitted_reader.sql"), Fault.Kind.TM_KILL, ORDERS,
                Verifications.AT_A_RANDOM_TIME);

        assertCaught(report, "DUPLICATED", "in running_totals: (");
    }

    private VerifyReport verify(Path script, Fault.Kind fault, Map<String, Path> inputs) throws Exception {
        return verify(script, fault, inputs, 1);
    }

    /** One faulty run of {@code fault} after one fault-free run, its schedule from {@code seed}; the report, its progress printed. */
    private VerifyReport verify(Path script, Fault.Kind fault, Map<String, Path> inputs, long seed) throws Exception {
        final Verifier.Options options = new Verifier.Options(script, List.of(), 1, 1, seed, List.of(fault), List.of(), PACE, false,
                Duration.ofMinutes(3), inputs, null);
        return Verifications.run(options, cluster, dir.resolve("home"));
    }

    private static void assertVerified(VerifyReport report) {
        assertThat(report.outcome()).as(report.toText()).isEqualTo(VerifyOutcome.VERIFIED);
        assertThat(report.exercised()).isEqualTo(1);
        assertThat(report.runs().get(1).anomalies()).isEmpty();
    }

    private static void assertCaught(VerifyReport report, String kind, String where) {
        assertThat(report.outcome()).as(report.toText()).isEqualTo(VerifyOutcome.ANOMALIES_FOUND);
        assertThat(report.anomalyCounts()).containsKey(kind);
        assertThat(report.runs().get(1).anomalies()).anySatisfy(anomaly -> assertThat(anomaly).startsWith(kind.replace('_', ' ') + " ")
                .contains(where));
        assertThat(report.runs().get(1).recovery()).startsWith("restored checkpoint ");
        assertThat(report.schedule()).singleElement().asString().contains(" s after the first checkpoint").doesNotContain("triggers");
    }
}
