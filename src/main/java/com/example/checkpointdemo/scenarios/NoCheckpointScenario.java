package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code no-checkpoint}: the original's pacing placement. No checkpoint completes before the
 * failure, the job restarts from scratch, and still ends at 210: the final sum proves nothing.
 */
final class NoCheckpointScenario implements Scenario {

    @Override
    public String name() {
        return "no-checkpoint";
    }

    @Override
    public Path script() {
        return Path.of("sql/scenarios/no_checkpoint.sql");
    }

    @Override
    public Outcome run(Workspace workspace) {
        final RunEvidence run = Runs.once(workspace, script());
        return new Outcome(judge(run.report(workspace.timeline().toString())), List.of(run));
    }

    static ScenarioReport judge(RecoveryReport run) {
        // Decided by Flink's timestamps: no checkpoint had completed when the failure came.
        final boolean noneBefore =
                run.lastInjectedFailureAt() != null
                        && (run.firstCheckpointCompletedAt() == null || run.firstCheckpointCompletedAt() > run.lastInjectedFailureAt());
        final boolean shown =
                run.injectedFailures() == 1
                        && noneBefore
                        && run.restoredCheckpointId() == null
                        && Objects.equals(run.resumedSum(), 0L)
                        && Objects.equals(run.finalSum(), run.expectedSum())
                        && run.committedExact();
        final String lesson =
                Text.format(
                        "The failure at v = %s came %s. So Flink restarted from scratch (restored"
                                + " checkpoint: %s) and read the file again: every committed row came from attempt"
                                + " %s, whose first row began with running_sum %s. The final sum is %s all the same,"
                                + " because the file can be replayed: a final sum alone proves nothing about"
                                + " recovery.%s",
                        run.faultPlan().isEmpty() ? "?" : run.faultPlan().get(0),
                        run.firstCheckpointCompletedAt() == null || run.lastInjectedFailureAt() == null
                                ? Text.of("before any checkpoint completed (none did before the job ended)")
                                : run.firstCheckpointCompletedAt() > run.lastInjectedFailureAt()
                                        ? Text.format("%.1f s before the first checkpoint completed",
                                                (run.firstCheckpointCompletedAt() - run.lastInjectedFailureAt()) / 1000.0)
                                        : Text.format("%.1f s after the first checkpoint completed",
                                                (run.lastInjectedFailureAt() - run.firstCheckpointCompletedAt()) / 1000.0),
                        run.restoredCheckpointId() == null ? Text.of("none") : run.restoredCheckpointId(),
                        run.committedRowsByAttempt().keySet(), run.resumedSum(), run.finalSum(),
                        shown ? "" : Text.of(" NOT SHOWN: expected one failure before the first completed checkpoint, no"
                                + " restored checkpoint, a resumed sum of 0 and a correct, exact output."));
        return ScenarioReport.of("no-checkpoint", shown, lesson, run);
    }
}
