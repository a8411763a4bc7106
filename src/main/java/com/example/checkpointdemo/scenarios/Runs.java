package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.plumbing.FlinkFiles;
import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.report.CommittedFiles;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.runner.FileTable;
import com.example.checkpointdemo.runner.RunningJob;
import com.example.checkpointdemo.runner.ScriptRunner;
import com.example.checkpointdemo.runner.Variant;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.core.execution.SavepointFormatType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** How scenarios run their scripts: once as written, or twice, the second job resuming the first. */
final class Runs {

    /** How long a first run may take to commit its first row (through its first checkpoint). */
    static final Duration FIRST_COMMIT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Settings for a run whose one checkpoint the scenario takes itself: no periodic one in the
     * first hour. (Both: Flink starts periodic checkpoints after a random delay between the
     * minimum pause and the interval.)
     */
    static ScriptRunner noPeriodicCheckpoints(ScriptRunner runner, String why) {
        return runner.set("execution.checkpointing.interval", "1h", why).set("execution.checkpointing.min-pause", "1h", why);
    }

    /** How long the REST API may take to tell a checkpoint that completed (it refreshes every 100 ms). */
    static final Duration REST_CATCHING_UP = Duration.ofSeconds(10);

    private Runs() {}

    /**
     * A runner for {@code workspace} running {@code script} as written (the PTF, its own fail_on),
     * after {@link Scenario#INIT} if the script is one of sql/scenarios.
     */
    static ScriptRunner runner(Workspace workspace, Path script) {
        return runner(workspace, afterInit(script));
    }

    private static ScriptRunner runner(Workspace workspace, boolean afterInit) {
        final ScriptRunner runner = workspace.runner(Variant.PTF, null);
        return afterInit ? runner.init(Scenario.INIT) : runner;
    }

    /** Whether {@code script} is one of sql/scenarios, run after their {@link Scenario#INIT}. */
    static boolean afterInit(Path script) {
        return script.startsWith(Scenario.INIT.getParent());
    }

    /**
     * The lines the file sink {@code sink} committed in {@code run} (the visible part files this run
     * wrote), each split into its CSV columns: for a lesson's second sink, beside the running sums.
     */
    static List<String[]> committedLines(RunEvidence run, String sink) {
        final FileTable table = run.run().sinks().stream().filter(t -> t.name().equals(sink)).findFirst()
                .orElseThrow(() -> new IllegalStateException(run.run().script() + " has no file sink " + sink));
        return CommittedFiles.records(table.filesSince(run.run().sinkFilesBefore().getOrDefault(sink, java.util.Set.of())));
    }

    /** Runs {@code script} once, as written. */
    static RunEvidence once(Workspace workspace, Path script) {
        return workspace.run(script, runner(workspace, script));
    }

    /** How a first run is stopped once it has completed a checkpoint; returns what to resume from. */
    @FunctionalInterface
    interface Stop {
        JobInspector.Checkpoint stop(RunningJob job, JobInspector inspector) throws Exception;
    }

    /** Stops the job with a savepoint in the script's savepoint directory; returns the savepoint. */
    static final Stop STOP_WITH_SAVEPOINT = (job, inspector) -> {
        job.client().stopWithSavepoint(false, savepointDirectory(job), SavepointFormatType.CANONICAL).get();
        return inspector.awaitLatest(job.id(), "savepoint", REST_CATCHING_UP);
    };

    /** The script's savepoint directory: the cluster has none of its own. */
    private static String savepointDirectory(RunningJob job) {
        return job.config().getOptional(CheckpointingOptions.SAVEPOINT_DIRECTORY)
                .orElseThrow(() -> new IllegalStateException("no " + CheckpointingOptions.SAVEPOINT_DIRECTORY.key() + " is set"));
    }

    /** Two jobs, the second resumed from where the first was stopped. */
    record TwoRuns(RunEvidence first, RunEvidence second, JobInspector.Checkpoint resumedFrom) {

        List<RunEvidence> both() {
            return List.of(first, second);
        }
    }

    /**
     * Runs {@code script}, stops the job with {@code stop} once a checkpoint has committed a row
     * (so the checkpoint it stops at holds rows), and runs the script again from what {@code stop}
     * returned, with {@code secondSettings}.
     */
    static TwoRuns stoppedAndResumed(Workspace workspace, Path script, Stop stop, Map<String, String> secondSettings) {
        final Stopped first = stopped(workspace, script, stop);
        return new TwoRuns(first.run(), resumed(workspace, script, first.at(), secondSettings), first.at());
    }

    /** A job stopped by a {@link Stop}, and what it returned to resume from. */
    record Stopped(RunEvidence run, JobInspector.Checkpoint at) {}

    /** Runs {@code script} and stops the job with {@code stop} once a checkpoint has committed a row. */
    static Stopped stopped(Workspace workspace, Path script, Stop stop) {
        return stoppedBy(workspace, script, runner(workspace, script), (job, inspector) -> {
            job.awaitCommittedRow(FIRST_COMMIT_TIMEOUT);
            return stop.stop(job, inspector);
        });
    }

    /**
     * Runs {@code script} without periodic checkpoints, takes a savepoint once the job has written
     * rows, and cancels the job ({@code flink savepoint}, then {@code flink cancel}): the rows are
     * in the savepoint's state of the file sink, uncommitted, since an intermediate savepoint
     * commits nothing.
     */
    static Stopped savepointedAndCancelled(Workspace workspace, Path script) {
        return stoppedBy(workspace, script,
                noPeriodicCheckpoints(runner(workspace, script), "no checkpoint: the savepoint is the job's only snapshot"),
                (job, inspector) -> {
                    job.awaitUncommittedRow(FIRST_COMMIT_TIMEOUT);
                    job.client().triggerSavepoint(savepointDirectory(job), SavepointFormatType.CANONICAL).get();
                    job.client().cancel().get();
                    return inspector.awaitLatest(job.id(), "savepoint", REST_CATCHING_UP);
                });
    }

    /** Runs {@code script} with {@code runner}; {@code stop} ends the job and says what to resume from. */
    private static Stopped stoppedBy(Workspace workspace, Path script, ScriptRunner runner, Stop stop) {
        final JobInspector inspector = new JobInspector(workspace.cluster());
        final AtomicReference<JobInspector.Checkpoint> resumeFrom = new AtomicReference<>();
        final RunEvidence run = workspace.run(script, runner.whileRunning(job -> resumeFrom.set(stop.stop(job, inspector))));
        return new Stopped(run, resumeFrom.get());
    }

    /** Runs {@code script} from {@code from}, with {@code settings}. */
    static RunEvidence resumed(Workspace workspace, Path script, JobInspector.Checkpoint from, Map<String, String> settings) {
        return resumed(workspace, script, afterInit(script), from, settings);
    }

    /** Runs {@code script} (after {@link Scenario#INIT} if {@code afterInit}) from {@code from}, with {@code settings}. */
    static RunEvidence resumed(Workspace workspace, Path script, boolean afterInit, JobInspector.Checkpoint from, Map<String, String> settings) {
        return workspace.run(script, runner(workspace, afterInit)
                .set("execution.state-recovery.path", from.path(), "the second job starts where the first was stopped")
                .setAll(settings, "the scenario's second job"));
    }

    /**
     * The recovery report over two jobs, the second resumed from the first ({@link
     * RunEvidence#reportAcross}); the last use of what the first job kept, which is deleted then.
     */
    static RecoveryReport acrossBoth(TwoRuns runs, String timeline) {
        final RecoveryReport report = runs.second().reportAcross(List.of(runs.first()), timeline);
        discard(runs.resumedFrom());
        return report;
    }

    /** Deletes what the first job kept, once nothing needs it (the report keeps its copy): left there, every lesson would add one. */
    static void discard(JobInspector.Checkpoint kept) {
        FlinkFiles.deleteKept(kept.path());
    }
}
