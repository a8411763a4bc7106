package com.example.checkpointdemo.kafka;

import com.example.checkpointdemo.cluster.ProcessHome;
import com.example.checkpointdemo.report.Outcome;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.runner.DemoScriptCopy;
import com.example.checkpointdemo.runner.Variant;
import com.example.checkpointdemo.scenarios.Exercise;
import com.example.checkpointdemo.scenarios.Scenario;
import com.example.checkpointdemo.scenarios.ScenarioReport;
import com.example.checkpointdemo.testing.Expected;
import com.example.checkpointdemo.testing.HoldUntilCheckpoint;
import com.example.checkpointdemo.testing.MiniClusters;
import com.example.checkpointdemo.testing.Processes;
import com.example.checkpointdemo.testing.Sandbox;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka lesson against a real broker, a process of its own started from Maven's jars and
 * shared by the class: the demo script proven end to end with the output read both ways, the four
 * Kafka scenarios, and the real SQL Client running the script.
 */
class KafkaITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.extension();

    private static final List<Long> ONE_TO_TWENTY = LongStream.rangeClosed(1, 20).boxed().toList();

    @TempDir static Path brokerHome;

    private static KafkaBroker broker;

    @TempDir Path dir;

    private Sandbox sandbox;
    private Workspace workspace;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new KafkaBroker(brokerHome.resolve("kafka"));
        broker.start(ProcessHome.freePortPair(), 1);
        try (KafkaTopics topics = new KafkaTopics(broker.bootstrapServers())) {
            DemoTopics.prepare(topics, DemoTopics.INPUT);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        sandbox = Sandbox.in(dir);
        workspace = sandbox.workspace(MiniClusters.address(MINI_CLUSTER)).withKafka(KafkaForRun.on(broker));
    }

    /**
     * Flink's Kafka source (the SQL {@code kafka} connector) with no {@code isolation.level} reads
     * the rows of an aborted transaction: {@code read_committed} is a setting to make, on every
     * table that reads a topic an exactly-once sink writes (docs/flink-behaviour.md).
     */
    @Test
    void flinksKafkaSourceReadsAbortedRowsUnlessToldToReadCommitted() throws Exception {
        final String topic = "isolation-pin";
        try (KafkaTopics topics = new KafkaTopics(broker.bootstrapServers());
                org.apache.kafka.clients.producer.KafkaProducer<String, String> producer = transactionalProducer()) {
            topics.create(topic);
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "aborted-1"));
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "aborted-2"));
            producer.flush(); // in the broker's log: an abort drops what was not sent yet
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "committed"));
            producer.commitTransaction();
        }

        assertThat(readWithFlink(topic, "")).containsExactlyInAnyOrder("aborted-1", "aborted-2", "committed");
        assertThat(readWithFlink(topic, ", 'properties.isolation.level' = 'read_committed'")).containsExactly("committed");
    }

    private static org.apache.kafka.clients.producer.KafkaProducer<String, String> transactionalProducer() {
        return new org.apache.kafka.clients.producer.KafkaProducer<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(), "transactional.id", "isolation-pin",
                "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName(),
                "value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName()));
    }

    /** The lines of {@code topic} as a bounded Flink SQL Kafka table with {@code options} added reads them. */
    private static List<String> readWithFlink(String topic, String options) throws Exception {
        final org.apache.flink.table.api.bridge.java.StreamTableEnvironment tEnv = org.apache.flink.table.api.bridge.java.StreamTableEnvironment
                .create(org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.getExecutionEnvironment());
        tEnv.executeSql("CREATE TEMPORARY TABLE t (line STRING) WITH ('connector' = 'kafka', 'topic' = '" + topic + "',"
                + " 'properties.bootstrap.servers' = '" + broker.bootstrapServers() + "', 'properties.group.id' = 'pin',"
                + " 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'format' = 'raw'" + options + ")");
        final List<String> lines = new java.util.ArrayList<>();
        try (org.apache.flink.util.CloseableIterator<org.apache.flink.types.Row> rows = tEnv.executeSql("SELECT line FROM t").collect()) {
            rows.forEachRemaining(row -> lines.add((String) row.getField(0)));
        }
        return lines;
    }

    @Test
    void theKafkaDemoIsProvenAndReadCommittedSeesEachRowOnce() throws Exception {
        // The row 5 is held until a checkpoint completes: it covers 1..4, and 5..7 are written in
        // the transaction the failure at 8 aborts.
        final Path script = DemoScriptCopy.of(DemoTopics.SCRIPT)
                .set("execution.checkpointing.interval", "1h").set("execution.checkpointing.min-pause", "1h")
                .replace("PACE(v, 200)", "HOLD_UNTIL_CHECKPOINT(PACE(v, 200), 5, '" + sandbox.checkpoints() + "')")
                .replace("CREATE FUNCTION PACE AS 'com.example.checkpointdemo.functions.Pace';",
                        "CREATE FUNCTION PACE AS 'com.example.checkpointdemo.functions.Pace';\n"
                                + "CREATE FUNCTION HOLD_UNTIL_CHECKPOINT AS '" + HoldUntilCheckpoint.class.getName() + "';")
                .writeTo(dir.resolve("kafka_demo.sql"));

        final RunEvidence run = workspace.run(script, workspace.runner(Variant.PTF, null).whileRunning(
                com.example.checkpointdemo.testing.ManualCheckpoint.whenHeld(workspace.cluster(), sandbox.checkpoints(), 5)));
        final RecoveryReport report = run.report(null);

        assertThat(report.outcome()).as(report.verdict()).isEqualTo(Outcome.PROVEN);
        assertThat(report.restoredState()).isEqualTo(Map.of("all", 10L));
        assertThat(Expected.valueAndSum(run.committed())).containsExactlyElementsOf(Expected.runningSums(ONE_TO_TWENTY));
        assertThat(report.kafka()).isNotNull();
        // Kafka's facts: the checkpoint's source offset is past rows 1..4 and the held row 5 (the gate,
        // an async function, keeps the rows it has in flight in its own state); the output read both ways.
        assertThat(report.kafka().restoredOffsets()).containsOnlyKeys(DemoTopics.NUMBERS + "-0");
        assertThat(report.kafka().restoredOffsets().get(DemoTopics.NUMBERS + "-0")).isGreaterThanOrEqualTo(5L);
        assertThat(report.kafka().inputRecords()).isEqualTo(20);
        assertThat(report.kafka().readCommitted()).isEqualTo(20);
        // Rows written after the checkpoint and before the failure, in the transaction it aborted (how many
        // reached the broker before the failure is the producer's business: they are sent asynchronously).
        assertThat(report.kafka().aborted()).isNotEmpty()
                .isSubsetOf("v=5 (attempt 0)", "v=6 (attempt 0)", "v=7 (attempt 0)");
        assertThat(report.kafka().readUncommitted()).isEqualTo(20 + report.kafka().aborted().size());
        assertThat(report.kafka().openTransactions()).isEmpty();
        assertThat(report.sources().get("committed_rows")).isEqualTo(RecoveryReport.KAFKA);
    }

    @Test
    void readUncommittedSeesTheAbortedRowsReadCommittedEachRowOnce() throws Exception {
        final ScenarioReport report = scenario("kafka-isolation");

        assertThat(report.recovery().kafka().abortedRows()).isPositive();
        assertThat(report.recovery().kafka().readCommitted()).isEqualTo(20);
        assertThat(report.recovery().outcome()).isEqualTo(Outcome.PROVEN);
    }

    @Test
    void aTransactionTimeoutAboveTheBrokersLimitStopsTheJobBeforeAnyRow() throws Exception {
        final ScenarioReport report = scenario("kafka-timeout");

        assertThat(report.recovery().jobStatus()).isEqualTo("FAILED");
        assertThat(report.recovery().failures()).allMatch(cause -> cause.contains("larger than the maximum value allowed by the broker"));
        assertThat(report.recovery().kafka().readUncommitted()).isZero();
        assertThat(report.lesson()).contains("'properties.transaction.timeout.ms' at most the broker's limit");
    }

    @Test
    void aJobDownLongerThanItsTransactionTimeoutLosesWhatItsSavepointHadNotCommitted() throws Exception {
        final ScenarioReport report = scenario("kafka-downtime");
        final RecoveryReport both = report.recovery();

        // The savepoint held the rows before it; exactly those never reached read_committed.
        final long held = both.restoredState().get("all");
        assertThat(held).isPositive();
        assertThat(both.outcome()).isEqualTo(Outcome.OUTPUT_NOT_EXACT);
        assertThat(both.committedRowsByAttempt()).doesNotContainKey(0); // the first job committed nothing
        assertThat(both.problems()).contains("missing: v=1");
        assertThat(report.lesson()).contains("(their sum, " + held + ", is what the savepoint held)");
        // The second job summed everything all the same: the state was right, the output lost rows.
        assertThat(both.finalSum()).isEqualTo(210);
    }

    @Test
    void theBrokerKilledAndStartedAgainLeavesTheCommittedOutputExact() throws Exception {
        final ScenarioReport report = scenario("kafka-broker-kill");

        assertThat(report.recovery().committedExact()).isTrue();
        assertThat(report.recovery().kafka().readCommitted()).isEqualTo(20);
        assertThat(broker.answers()).isTrue();
    }

    @Test
    void eachKafkaTransactionIsCommittedAsItsCheckpointCompletesAndTheAbortedOnesRowsOnceLater() throws Exception {
        final ScenarioReport report = scenario("kafka-two-phase-commit");

        assertThat(report.recovery().restoredCheckpointId()).isNotNull();
        assertThat(report.lesson()).contains("committed at +", "after checkpoint 1 completed at +", "never committed (the restore aborted it)");
    }

    @Test
    void anAggregationIntoUpsertKafkaWritesTotalsAgainAfterTheRestoreAndItsFinalTableIsExact() throws Exception {
        final ScenarioReport report = scenario("upsert");

        assertThat(report.recovery().restoredCheckpointId()).isNotNull();
        assertThat(report.lesson()).contains("{\"k\":\"all\"} → {\"k\":\"all\",\"total\":210,\"numbers\":20}");
    }

    @Test
    void theSqlClientRunsTheKafkaScriptWithOnlyItsBrokerAddressChanged() throws Exception {
        final Path script = DemoScriptCopy.of(DemoTopics.SCRIPT).set("execution.checkpointing.dir", sandbox.checkpoints())
                .set("execution.checkpointing.savepoint-dir", sandbox.checkpoints())
                .writeTo(dir.resolve("sql_client_kafka.sql"));
        Files.writeString(script, Files.readString(script).replace("'127.0.0.1:9092'", "'" + broker.bootstrapServers() + "'"));
        final List<SumRow> rows;
        try (KafkaTopics topics = new KafkaTopics(broker.bootstrapServers())) {
            final var before = topics.endOffsets(DemoTopics.SUMS, KafkaTopics.Isolation.READ_UNCOMMITTED);
            final Processes.Finished client = Processes.run(dir.resolve("client.txt"), Map.of("DEMO_LOG_DIR", dir.toString()),
                    "bin/sql-client", "-f", script.toString(), "-j", "target/udf.jar");
            assertThat(client.exitCode()).as(client.console()).isZero();
            rows = com.example.checkpointdemo.report.CommittedFiles.sumRowsOfRecords(
                    topics.read(DemoTopics.SUMS, before, KafkaTopics.Isolation.READ_COMMITTED), "sums");
            assertThat(topics.read(DemoTopics.SUMS, before, KafkaTopics.Isolation.READ_UNCOMMITTED).size())
                    .isGreaterThanOrEqualTo(rows.size());
        }
        assertThat(Expected.valueAndSum(rows)).containsExactlyElementsOf(Expected.runningSums(ONE_TO_TWENTY));
    }

    /** The exercise kafka-not-exactly-once, as bin/demo check runs it: at-least-once sinks do not pass, the solution's do. */
    @Test
    void theKafkaExerciseFailsWithAtLeastOnceSinksAndPassesWithTransactions() throws Exception {
        final Exercise exercise = Exercise.named("kafka-not-exactly-once").orElseThrow();

        final ScenarioReport start = exercise.checking(exercise.file()).run(workspace).report();
        assertThat(start.lessonShown()).as(start.lesson()).isFalse();
        assertThat(start.recovery().outcome()).isEqualTo(com.example.checkpointdemo.report.Outcome.OUTPUT_NOT_EXACT);
        assertThat(start.recovery().restoredCheckpointId()).isNotNull();
        assertThat(start.recovery().committedDuplicates()).isPositive();

        final ScenarioReport solved = exercise.checking(Path.of("solutions/kafka-not-exactly-once/job.sql")).run(workspace).report();
        assertThat(solved.lessonShown()).as(solved.lesson()).isTrue();
        assertThat(solved.recovery().kafka().readCommitted()).isEqualTo(20);
    }

    private ScenarioReport scenario(String name) throws Exception {
        final Scenario.Outcome outcome = Scenario.named(name).orElseThrow().run(workspace);
        assertThat(outcome.report().lessonShown()).as(outcome.report().lesson()).isTrue();
        return outcome.report();
    }
}
