package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.runner.ClusterAddress;

import java.nio.file.Path;

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
    public ScenarioReport run(ClusterAddress cluster) {
        return judge(Runs.once(cluster, script()).report());
    }

    static ScenarioReport judge(RecoveryReport run) {
        final boolean shown =
                "FAILED".equals(run.jobStatus())
                        && run.injectedFailures() > 1
                        && run.injectedFailures() == run.restarts() + 1
                        && run.committedWrong() == 0;
        final String lesson =
                String.format(
                        "The failure was injected %d times, once on every attempt, and the job ended %s after"
                                + " %d restarts: the \"failed once\" flag lived in the checkpointed state, set at"
                                + " the moment of the failure, so no checkpoint ever held it and each restore"
                                + " brought back false. Decide \"first attempt only\" from outside the state, by"
                                + " the task's attempt number, as FaultPlan does. What the job had committed is"
                                + " still right: %d rows, none"
                                + " duplicated or wrong (%d never came, the job died first).%s",
                        run.injectedFailures(), run.jobStatus(), run.restarts(), run.committedRows(),
                        run.committedMissing(),
                        shown ? "" : " NOT SHOWN: expected a FAILED job with one failure per attempt and no"
                                + " wrong committed row.");
        return ScenarioReport.of("state-flag", shown, lesson, run);
    }
}
