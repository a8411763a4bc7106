package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.functions.FailNow;
import com.example.checkpointdemo.kafka.KafkaTopics;
import com.example.checkpointdemo.plumbing.Directories;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.report.KafkaFacts;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code kafka-isolation}: the Kafka demo, read back both ways. The sink writes each checkpoint's
 * rows in a transaction; the failure aborts the open one. A consumer with {@code read_committed}
 * sees each row once; one with Kafka's default, {@code read_uncommitted}, also sees the aborted rows.
 */
final class KafkaIsolationScenario extends KafkaScenario {

    /** The committed_sums rows the scenario waits for before it takes the one checkpoint. */
    static final int ROWS_BEFORE_CHECKPOINT = 2;

    @Override
    public String name() {
        return "kafka-isolation";
    }

    @Override
    public Outcome run(Workspace workspace) throws java.io.IOException {
        final RunEvidence run = failedPastACheckpoint(workspace, script());
        return new Outcome(judge(run.report(workspace.timeline().toString())), List.of(run));
    }

    /**
     * Runs the Kafka {@code script} with one checkpoint, taken after its first rows, and fails it
     * once a row was written after that checkpoint: whatever the machine's load, the sink has
     * written a row the restore must take back (an open transaction to abort, or a row that
     * comes twice from a sink that is not exactly-once).
     */
    static RunEvidence failedPastACheckpoint(Workspace workspace, Path script) throws java.io.IOException {
        final JobInspector inspector = new JobInspector(workspace.cluster());
        final Path folder = java.nio.file.Files.createTempDirectory("kafka-isolation-");
        final Path request = folder.resolve("fail-now");
        // One checkpoint, taken after the first rows; then, once a row was written after it, the
        // failure: the open transaction always holds rows to abort, however the machine is loaded.
        final RunEvidence run = workspace.run(script, Runs.noPeriodicCheckpoints(Runs.runner(workspace, script),
                        "one checkpoint, taken by the scenario after the first rows")
                .noFailOn("the scenario fails the job itself, once a row was written after the checkpoint")
                .failNowOn(request, "the scenario's way to fail the job on its next row")
                .whileRunning(job -> {
                    job.awaitKafkaRecords("committed_sums", ROWS_BEFORE_CHECKPOINT, KafkaTopics.Isolation.READ_UNCOMMITTED,
                            Runs.FIRST_COMMIT_TIMEOUT);
                    inspector.checkpointNow(job.id(), Runs.FIRST_COMMIT_TIMEOUT);
                    // The checkpoint flushed every row before its barrier: one more is after it.
                    final int flushed = job.kafkaRecords("committed_sums", KafkaTopics.Isolation.READ_UNCOMMITTED);
                    job.awaitKafkaRecords("committed_sums", flushed + 1, KafkaTopics.Isolation.READ_UNCOMMITTED,
                            Runs.FIRST_COMMIT_TIMEOUT);
                    FailNow.request(request);
                }));
        Directories.delete(folder);
        return run;
    }

    static ScenarioReport judge(RecoveryReport run) {
        final KafkaFacts kafka = run.kafka();
        final boolean shown = kafka != null
                && run.ok()
                && kafka.readCommitted() == run.committedRows()
                && kafka.abortedRows() > 0
                && kafka.openTransactions().isEmpty();
        final String lesson = kafka == null ? Text.of("NOT SHOWN: the run wrote no Kafka topic.") : Text.format(
                "The Kafka sink wrote each checkpoint's rows in a transaction and committed it when the checkpoint"
                        + " completed. The failure aborted the transaction that was open: %s. A consumer with"
                        + " isolation.level=read_committed read %d rows from %s, each once, with every running sum"
                        + " right; one with Kafka's default, read_uncommitted, read %d: the aborted rows too, which"
                        + " the restarted job then wrote again. Exactly-once needs the consumer's side too: set"
                        + " 'properties.isolation.level' = 'read_committed' on every table that reads this topic.%s",
                kafka.aborted().isEmpty() ? Text.of("no rows") : String.join(", ", kafka.aborted()), kafka.readCommitted(),
                kafka.outputTopic(), kafka.readUncommitted(),
                shown ? "" : Text.format(" NOT SHOWN: expected recovery proven, read_committed = the committed rows, and rows"
                        + " only read_uncommitted sees (%s).", run.verdict()));
        return ScenarioReport.of("kafka-isolation", shown, lesson, run);
    }
}
