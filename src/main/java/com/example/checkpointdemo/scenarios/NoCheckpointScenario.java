package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.runner.ClusterAddress;

import java.nio.file.Path;
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
    public ScenarioReport run(ClusterAddress cluster) {
        return judge(Runs.once(cluster, script()).report());
    }

    static ScenarioReport judge(RecoveryReport run) {
        final boolean shown =
                run.injectedFailures() == 1
                        && run.restoredCheckpointId() == null
                        && Objects.equals(run.resumedSum(), 0L)
                        && Objects.equals(run.finalSum(), run.expectedSum())
                        && run.committedExact();
        final String lesson =
                String.format(
                        "No checkpoint had completed when v = %s failed: with the pacing in the stateful"
                                + " task, the source had buffered all its rows at once and the barrier of"
                                + " checkpoint 1 was queued behind them. So Flink restarted from scratch"
                                + " (restored checkpoint: %s, resumed sum %s) and re-read the file. The final sum"
                                + " is %s all the same, because the file can be replayed: a final sum alone"
                                + " proves nothing about recovery.%s",
                        run.faultPlan().isEmpty() ? "?" : run.faultPlan().get(0), run.restoredCheckpointId() == null ? "none" : run.restoredCheckpointId(),
                        run.resumedSum(), run.finalSum(),
                        shown ? "" : " NOT SHOWN: expected one failure, no restored checkpoint, a resumed sum"
                                + " of 0 and a correct, exact output.");
        return ScenarioReport.of("no-checkpoint", shown, lesson, run);
    }
}
