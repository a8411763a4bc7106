package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.functions.SumWithTimer;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code timers}: an event-time timer a PTF registers on attempt 0 ({@link SumWithTimer}, on the
 * first row), the job failed before it fires, restored from a checkpoint that holds the first row:
 * the timer comes back with the state and fires once, on attempt 1, though attempt 1 never sees
 * the row that registered it.
 */
final class TimersScenario implements Scenario {

    /** The sink of the timer's rows. */
    static final String FIRED = "fired_timers";

    /** A timer's row as the sink committed it. */
    record Fired(String timer, long runningSum, int attempt) {}

    @Override
    public String name() {
        return "timers";
    }

    @Override
    public Path script() {
        return Path.of("sql/scenarios/timers.sql");
    }

    @Override
    public Outcome run(Workspace workspace) {
        final RunEvidence run = Runs.once(workspace, script());
        return new Outcome(judge(run.report(workspace.timeline().toString()), fired(run)), List.of(run));
    }

    /** The timer rows the job committed. */
    static List<Fired> fired(RunEvidence run) {
        return Runs.committedLines(run, FIRED).stream()
                .map(columns -> new Fired(columns[0], Long.parseLong(columns[1]), Integer.parseInt(columns[2]))).toList();
    }

    /**
     * Shown when the recovery is proven from a checkpoint that holds the first row (so the timer
     * was registered before it, on attempt 0), and the timer fired exactly once, on attempt 1.
     */
    static ScenarioReport judge(RecoveryReport run, List<Fired> fired) {
        final boolean firstRowCheckpointed = run.restoredCheckpointId() != null && run.resumedSum() != null && run.resumedSum() > 0;
        final boolean shown = run.outcome() == com.example.checkpointdemo.report.Outcome.PROVEN && firstRowCheckpointed && fired.size() == 1
                && fired.get(0).attempt() == 1 && SumWithTimer.TIMER.equals(fired.get(0).timer());
        final String lesson = Text.format(
                "The first row (v = 1, attempt 0) registered an event-time timer for v = 12; the job failed at v = 8,"
                        + " before it fired, and restored checkpoint %s, which holds the first row (running_sum %s)."
                        + " Attempt 1 never saw v = 1 again, yet the timer fired %d time%s: %s. A PTF's timers are keyed"
                        + " state, checkpointed with its sum and restored with it.%s",
                run.restoredCheckpointId(), run.resumedSum(), fired.size(), fired.size() == 1 ? "" : "s",
                fired.isEmpty() ? Text.of("never") : Text.format("on attempt %d, with running_sum %d",
                        fired.get(0).attempt(), fired.get(0).runningSum()),
                shown ? "" : Text.of(" NOT SHOWN: expected a proven recovery from a checkpoint holding the first row, and"
                        + " the timer fired once, on attempt 1."));
        return ScenarioReport.of("timers", shown, lesson, run);
    }
}
