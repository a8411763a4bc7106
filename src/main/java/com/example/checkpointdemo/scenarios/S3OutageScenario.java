package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.cluster.ObjectStore;
import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.runner.DemoScriptCopy;
import com.example.checkpointdemo.runner.RunningJob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code s3-outage}: the object store that holds the checkpoints is killed (SIGKILL) while the demo
 * runs, and started again. Twice: first with the committed output on this machine's disk, where
 * only checkpoints need the store: they fail, the job goes on within {@code
 * execution.checkpointing.tolerable-failed-checkpoints}, and checkpoints resume when the store is
 * back. Then with the output in the store too: the file sink must upload its part file at the next
 * checkpoint, which fails the task, not just the checkpoint, and only the restart strategy rides
 * out the outage. Both outputs are exact.
 */
final class S3OutageScenario implements Scenario {

    private static final Logger LOG = LoggerFactory.getLogger(S3OutageScenario.class);

    /** Consecutive failed checkpoints a job survives here: about a minute of outage at one a second. */
    static final String TOLERABLE = "60";

    private static final Duration FAILURE_TIMEOUT = Duration.ofSeconds(60);

    /** One run, and when the store was down during it. */
    record Run(RunEvidence evidence, Outage outage) {}

    @Override
    public String name() {
        return "s3-outage";
    }

    @Override
    public Path script() {
        return DemoScriptCopy.DEMO;
    }

    @Override
    public boolean needsObjectStore() {
        return true;
    }

    @Override
    public Outcome run(Workspace workspace) throws Exception {
        final ObjectStore store = Objects.requireNonNull(workspace.store(), "an object store");
        final Run localOutput = runWithOutage(workspace.checkpointsOnlyInStore(), store);
        final Run outputInStore = runWithOutage(workspace, store);
        final String timeline = workspace.timeline().toString();
        return new Outcome(judge(localOutput.evidence().job(), localOutput.outage(), localOutput.evidence().report(timeline),
                outputInStore.outage(), outputInStore.evidence().report(timeline)),
                List.of(localOutput.evidence(), outputInStore.evidence()));
    }

    /** Runs the demo (no injected failure), the store killed once a checkpoint has committed rows, and started again. */
    private Run runWithOutage(Workspace workspace, ObjectStore store) {
        final long[] down = new long[2];
        final RunEvidence run = workspace.run(script(), Runs.runner(workspace, script())
                .noFailOn("no injected failure: the fault here is the store's outage")
                .set("execution.checkpointing.tolerable-failed-checkpoints", TOLERABLE,
                        "ride out a minute of failed checkpoints (Flink's default, 0, fails the job at the first)")
                .set("restart-strategy.fixed-delay.attempts", "100", "room for restarts while the store is down")
                .whileRunning(job -> {
                    job.awaitCommittedRow(Runs.FIRST_COMMIT_TIMEOUT);
                    down[0] = System.currentTimeMillis();
                    LOG.info("{}", Text.format("object store killed (SIGKILL): %s", store.kill()));
                    try {
                        awaitCheckpointOrTaskFailure(job, new JobInspector(workspace.cluster()), down[0]);
                        LOG.info("{}", Text.of("the outage has shown; starting the object store again"));
                    } finally {
                        // Whatever went wrong meanwhile, the store the workspace shares comes back.
                        store.restart();
                        down[1] = System.currentTimeMillis();
                    }
                    LOG.info("{}", Text.format("object store back at %s", store.endpoint()));
                }));
        return new Run(run, new Outage(down[0], down[1]));
    }

    /** Waits until the outage has shown: a checkpoint triggered since {@code since} failed, or the job failed. */
    private static void awaitCheckpointOrTaskFailure(RunningJob job, JobInspector inspector, long since) throws InterruptedException {
        final long deadline = System.nanoTime() + FAILURE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            final JobFacts facts = inspector.inspectNow(job.id());
            if (facts.restarts() > 0 || facts.checkpoints().stream()
                    .anyMatch(c -> "FAILED".equals(c.status()) && c.triggeredAt() >= since)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no checkpoint failed within " + FAILURE_TIMEOUT + " of the store's outage");
    }

    /**
     * Shown when the job with its output on this disk rode out the outage (failed checkpoints, no
     * restart, checkpoints again once the store was back) and the job with its output in the store
     * restarted and restored from s3://, both exact.
     */
    static ScenarioReport judge(JobFacts localJob, Outage local, RecoveryReport localReport, Outage inStore, RecoveryReport inStoreReport) {
        final long failed = local.failedCheckpoints(localJob);
        final boolean resumed = local.checkpointedAfter(localJob);
        final boolean localShown = "FINISHED".equals(localReport.jobStatus()) && localReport.committedExact()
                && localReport.restarts() == 0 && failed > 0 && resumed;
        final boolean inStoreShown = "FINISHED".equals(inStoreReport.jobStatus()) && inStoreReport.committedExact()
                && inStoreReport.restarts() > 0 && inStoreReport.restoredCheckpointPath() != null
                && inStoreReport.restoredCheckpointPath().startsWith("s3://");
        final boolean shown = localShown && inStoreShown;
        final String lesson = Text.format(
                "Checkpoints in s3://demo/checkpoints; the store killed once a checkpoint had committed rows. Output on this"
                        + " machine's disk: the store was down %.1f s, %d checkpoint%s failed and the job went on (tolerable-failed-"
                        + "checkpoints = %s), %d restarts; %s; %d rows committed, %s."
                        + " Output in the store too: down %.1f s, and at the next checkpoint the file sink could not upload its"
                        + " part file: the task failed, not only the checkpoint, %d restart%s until the store was back and the"
                        + " job restored %s from it; %d rows committed, %s. tolerable-failed-checkpoints protects the checkpoint"
                        + " alone; whatever else writes to the store needs a restart strategy that outlasts the outage.%s",
                local.seconds(), failed, failed == 1 ? "" : "s", TOLERABLE,
                localReport.restarts(), resumed ? Text.of("checkpoints resumed when the store was back")
                        : Text.format("no checkpoint completed after the last that failed %s", localJob.checkpoints()),
                localReport.committedRows(), Text.of(localReport.committedExact() ? "exact" : "NOT exact"),
                inStore.seconds(), inStoreReport.restarts(), inStoreReport.restarts() == 1 ? "" : "s",
                inStoreReport.restoredCheckpointPath(), inStoreReport.committedRows(),
                Text.of(inStoreReport.committedExact() ? "exact" : "NOT exact"),
                shown ? "" : Text.of(" NOT SHOWN: expected both jobs finished and exact, the first without a restart and with"
                        + " failed checkpoints, the second restored from s3://."));
        return ScenarioReport.of("s3-outage", shown, lesson, inStoreReport);
    }
}
