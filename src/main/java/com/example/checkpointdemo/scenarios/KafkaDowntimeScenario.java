package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.kafka.DemoTopics;
import com.example.checkpointdemo.kafka.KafkaTopics;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.InputValues;
import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.runner.ScriptRunner;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.core.execution.SavepointFormatType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code kafka-downtime}: a job that is down longer than its Kafka sink's transaction timeout loses
 * what its last snapshot had not committed yet. The first job writes rows, takes a savepoint (which,
 * unlike a checkpoint, commits nothing: its transaction stays open) and is cancelled; the broker
 * aborts the open transaction when its timeout passes; the second job starts from the savepoint,
 * its sink tries to commit the savepoint's transaction, finds it aborted ("already fenced ... this
 * most likely signals data loss"), and goes on: the rows before the savepoint are lost.
 */
final class KafkaDowntimeScenario extends KafkaScenario {

    /** The sinks' transaction timeout here: short, so that the broker aborts within seconds. */
    static final String TIMEOUT_MS = "10000";

    /** The rows the first job writes before its savepoint. */
    static final int ROWS_BEFORE_SAVEPOINT = 3;

    private static final Duration ABORT_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "kafka-downtime";
    }

    @Override
    public Outcome run(Workspace workspace) throws Exception {
        final JobInspector inspector = new JobInspector(workspace.cluster());
        final AtomicReference<String> savepoint = new AtomicReference<>();
        final AtomicReference<Long> downFor = new AtomicReference<>();
        final String noFailure = "no failure: the loss comes from the downtime alone";
        final RunEvidence first = workspace.run(script(), Runs.noPeriodicCheckpoints(withShortTimeout(Runs.runner(workspace, script())),
                        "no checkpoint: the savepoint is the only snapshot")
                .noFailOn(noFailure)
                .whileRunning(job -> {
                    job.awaitKafkaRecords("committed_sums", ROWS_BEFORE_SAVEPOINT, KafkaTopics.Isolation.READ_UNCOMMITTED,
                            Runs.FIRST_COMMIT_TIMEOUT);
                    final String directory = job.config().getOptional(CheckpointingOptions.SAVEPOINT_DIRECTORY).orElseThrow();
                    savepoint.set(job.client().triggerSavepoint(directory, SavepointFormatType.CANONICAL).get());
                    job.client().cancel().get();
                    final long cancelledAt = System.currentTimeMillis();
                    // Down longer than the timeout: until the broker has aborted the savepoint's transaction.
                    try (KafkaTopics topics = new KafkaTopics(workspace.kafka().bootstrapServers())) {
                        awaitNoOpenTransaction(topics, "checkpoint-demo-");
                    }
                    downFor.set(System.currentTimeMillis() - cancelledAt);
                }));
        final long total;
        try (KafkaTopics topics = new KafkaTopics(workspace.kafka().bootstrapServers())) {
            total = InputValues.ofLines(topics.read(DemoTopics.NUMBERS, Map.of(), KafkaTopics.Isolation.READ_COMMITTED)).sum();
        }
        final RunEvidence second = workspace.run(script(), withShortTimeout(Runs.runner(workspace, script()))
                .noFailOn(noFailure)
                .set("execution.state-recovery.path", savepoint.get(), "the second job starts from the first one's savepoint")
                .whileRunning(job -> {
                    // A bounded Kafka source restored from a savepoint never ends in connector 5.0.0-2.2
                    // (FLINK-31006, fix open): once the sum of all the input is committed, stop it.
                    job.awaitKafkaRecord("committed_sums", record -> record.split(",")[2].equals(String.valueOf(total)),
                            KafkaTopics.Isolation.READ_COMMITTED, Runs.FIRST_COMMIT_TIMEOUT);
                    final String directory = job.config().getOptional(CheckpointingOptions.SAVEPOINT_DIRECTORY).orElseThrow();
                    job.client().stopWithSavepoint(false, directory, SavepointFormatType.CANONICAL).get();
                }));
        final Runs.TwoRuns runs = new Runs.TwoRuns(first, second, new JobInspector.Checkpoint(0, savepoint.get()));
        final List<Long> lost = new ArrayList<>(second.input().values());
        runs.both().forEach(run -> run.committed().forEach(row -> lost.remove(Long.valueOf(row.v()))));
        return new Outcome(judge(Runs.acrossBoth(runs, workspace.timeline().toString()), downFor.get(), lost,
                first.committed().size()), runs.both());
    }

    private static ScriptRunner withShortTimeout(ScriptRunner runner) {
        final String why = "10 s, so that the broker aborts an open transaction within seconds";
        return runner.tableOption("committed_sums", "properties.transaction.timeout.ms", TIMEOUT_MS, why)
                .tableOption("rejected_rows", "properties.transaction.timeout.ms", TIMEOUT_MS, why);
    }

    private static void awaitNoOpenTransaction(KafkaTopics topics, String prefix) throws InterruptedException {
        final long deadline = System.nanoTime() + ABORT_TIMEOUT.toNanos();
        Map<String, ?> open = topics.openTransactions(prefix);
        while (!open.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker did not abort " + open + " within " + ABORT_TIMEOUT);
            }
            Thread.sleep(200);
            open = topics.openTransactions(prefix);
        }
    }

    static ScenarioReport judge(RecoveryReport both, long downMillis, List<Long> lost, int committedByFirst) {
        // What the savepoint held: the running sum of the rows before it, each written but never committed.
        final Long held = both.restoredState() == null ? null : both.restoredState().get("all");
        final long lostSum = lost.stream().mapToLong(Long::longValue).sum();
        final boolean shown = held != null && held > 0 && !lost.isEmpty() && lostSum == held
                && committedByFirst == 0 && "FINISHED".equals(both.jobStatus());
        final String lesson = Text.format(
                "The first job wrote its rows in a Kafka transaction, took a savepoint (which commits nothing: only"
                        + " a completed checkpoint commits), and was cancelled with that transaction open. While it was"
                        + " down (%.1f s), the transaction outlived the sink's transaction.timeout.ms (%s ms) and the"
                        + " broker aborted it. The second job started from the savepoint: its state held running_sum %s"
                        + " and its source read on after the rows the savepoint covered, while its sink found the"
                        + " savepoint's transaction aborted (Flink logs \"Unable to commit transaction ... already"
                        + " fenced ... this most likely signals data loss\") and went on. Lost, never committed: v = %s"
                        + " (their sum, %d, is what the savepoint held). A job may be down at most its transaction"
                        + " timeout (at most the broker's transaction.max.timeout.ms); plan restarts and upgrades"
                        + " within it.%s",
                downMillis / 1000.0, TIMEOUT_MS, held, lost, lostSum,
                shown ? "" : Text.of(" NOT SHOWN: expected rows lost whose sum is what the savepoint held, none committed by the first job."));
        return ScenarioReport.of("kafka-downtime", shown, lesson, both);
    }
}
