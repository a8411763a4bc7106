package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.Workspace;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * {@code resume}: the job is cancelled after a checkpoint, which RETAIN_ON_CANCELLATION keeps; a
 * second job resumes from it with {@code execution.state-recovery.path}.
 */
final class ResumeScenario implements Scenario {

    @Override
    public String name() {
        return "resume";
    }

    @Override
    public Path script() {
        return Path.of("sql/scenarios/resume.sql");
    }

    @Override
    public Outcome run(Workspace workspace) {
        final Runs.TwoRuns runs =
                Runs.stoppedAndResumed(
                        workspace,
                        script(),
                        (job, inspector) -> {
                            job.client().cancel().get();
                            // Read only now: a checkpoint completing just before the cancel is the latest.
                            return inspector.awaitLatest(job.id(), "completed", Runs.REST_CATCHING_UP);
                        },
                        Map.of());
        return new Outcome(
                judge(runs.first().job().status(), runs.resumedFrom(), Runs.acrossBoth(runs, workspace.timeline().toString())),
                runs.both());
    }

    static ScenarioReport judge(String firstStatus, JobInspector.Checkpoint retained, RecoveryReport both) {
        final boolean shown =
                "CANCELED".equals(firstStatus)
                        && "FINISHED".equals(both.jobStatus())
                        && Objects.equals(both.restoredCheckpointId(), retained.id())
                        && both.resumedSum() != null
                        && both.resumedSum() > 0
                        && both.ok()
                        && both.committedExact()
                        && Objects.equals(both.finalSum(), both.expectedSum());
        final String lesson =
                Text.format(
                        "The first job was %s after checkpoint %d, which RETAIN_ON_CANCELLATION kept. The"
                                + " second job started from it (execution.state-recovery.path): the checkpoint"
                                + " holds %s, its first row resumed from running_sum %s, and it %s. Across both"
                                + " jobs the committed output is %s: %d rows, %d duplicates, final sum %s.%s",
                        firstStatus.toLowerCase(), retained.id(),
                        both.restoredState() == null ? Text.of("(not read)") : both.restoredState(), both.resumedSum(),
                        both.jobStatus().toLowerCase(), Text.of(both.committedExact() ? "exact" : "NOT exact"),
                        both.committedRows(), both.committedDuplicates(), both.finalSum(),
                        shown ? "" : Text.of(" NOT SHOWN: expected a cancelled job, a second one restoring its"
                                + " retained checkpoint with a sum above 0, and an exact output across both."));
        return new ScenarioReport(
                "resume", shown, lesson, both, null, null, retained.id(), retained.path(), null, null, null, null, null, null);
    }
}
