package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code state-flag}: the original's "failed once" flag kept in state. Every restore rolls it
 * back, so the failure repeats until the restart budget is spent and the job fails.
 */
final class StateFlagScenario implements Scenario {

    @Override
    public String name() {
        return "state-flag";
    }

    @Override
    public Path script() {
        return Path.of("sql/scenarios/state_flag.sql");
    }

    @Override
    public Outcome run(Workspace workspace) {
        final RunEvidence run = Runs.once(workspace, script());
        return new Outcome(judge(run.report(workspace.timeline().toString())), List.of(run));
    }

    static ScenarioReport judge(RecoveryReport run) {
        final boolean shown =
                "FAILED".equals(run.jobStatus())
                        && run.injectedFailures() > 1
                        && run.injectedFailures() == run.restarts() + 1
                        && run.restoredCheckpointId() != null
                        && run.committedWrong() == 0;
        final String lesson =
                Text.format(
                        "The failure was injected %d times, once on each of %d attempts, and the job ended %s"
                                + " after %d restarts. Each restart restored a checkpoint (the last: checkpoint %s),"
                                + " and with it the \"failed once\" flag as the checkpoint held it, before the"
                                + " failure set it; so the next attempt failed again. Decide \"first attempt only\""
                                + " from outside the state, by the task's attempt number, as FaultPlan does. What"
                                + " the job had committed is still right: %d rows, none duplicated or wrong (%d"
                                + " never came, the job died first).%s",
                        run.injectedFailures(), run.restarts() + 1, run.jobStatus(), run.restarts(),
                        run.restoredCheckpointId(), run.committedRows(), run.committedMissing(),
                        shown ? "" : Text.of(" NOT SHOWN: expected a FAILED job with one failure per attempt, a restored"
                                + " checkpoint and no wrong committed row."));
        return ScenarioReport.of("state-flag", shown, lesson, run);
    }
}
