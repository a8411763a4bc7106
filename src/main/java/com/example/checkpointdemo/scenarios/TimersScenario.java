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
        return new Outcome(judge(run.report(workspace.timeline().toString()), fired(run), watermarks(run)), List.of(run));
    }

    /** A committed row: its value, its attempt, and the watermark the function had seen when it processed it (null: none). */
    record Seen(long v, int attempt, @javax.annotation.Nullable String watermark) {}

    /** The running sum's committed rows, in the order they were committed, with the watermark each saw. */
    static List<Seen> watermarks(RunEvidence run) {
        return Runs.committedLines(run, "committed_sums").stream().map(columns -> new Seen(Long.parseLong(columns[1]),
                Integer.parseInt(columns[3]), columns.length > 5 && !columns[5].isEmpty() ? columns[5] : null)).toList();
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
    static ScenarioReport judge(RecoveryReport run, List<Fired> fired, List<Seen> seen) {
        final boolean firstRowCheckpointed = run.restoredCheckpointId() != null && run.resumedSum() != null && run.resumedSum() > 0;
        // The watermark is no state: attempt 1's first row (its lowest v) sees none, whatever the
        // last row before the restore had seen (picked by v, not by the order of the part files).
        final Seen before = seen.stream().filter(row -> row.attempt() == 0).max(java.util.Comparator.comparingLong(Seen::v)).orElse(null);
        final Seen after = seen.stream().filter(row -> row.attempt() == 1).min(java.util.Comparator.comparingLong(Seen::v)).orElse(null);
        final boolean watermarkAgain = after != null && after.watermark() == null;
        final boolean shown = run.outcome() == com.example.checkpointdemo.report.Outcome.PROVEN && firstRowCheckpointed && fired.size() == 1
                && fired.get(0).attempt() == 1 && SumWithTimer.TIMER.equals(fired.get(0).timer()) && watermarkAgain;
        final String lesson = Text.format(
                "The first row (v = 1, attempt 0) registered an event-time timer for v = 12; the job failed at v = 8,"
                        + " before it fired, and restored checkpoint %s, which holds the first row (running_sum %s)."
                        + " Attempt 1 never saw v = 1 again, yet the timer fired %d time%s: %s. A PTF's timers are keyed"
                        + " state, checkpointed with its sum and restored with it. The watermark is not: the last row committed"
                        + " before the restore (v = %s) had seen the watermark %s; attempt 1's first row (v = %s) saw %s, and"
                        + " the rows after it the watermark of what attempt 1 read.%s",
                run.restoredCheckpointId(), run.resumedSum(), fired.size(), fired.size() == 1 ? "" : "s",
                fired.isEmpty() ? Text.of("never") : Text.format("on attempt %d, with running_sum %d",
                        fired.get(0).attempt(), fired.get(0).runningSum()),
                before == null ? "?" : before.v(), before == null || before.watermark() == null ? Text.of("none") : before.watermark(),
                after == null ? "?" : after.v(), after == null || after.watermark() == null ? Text.of("none") : after.watermark(),
                shown ? "" : Text.of(" NOT SHOWN: expected a proven recovery from a checkpoint holding the first row, the"
                        + " timer fired once, on attempt 1, and no watermark on attempt 1's first row."));
        return ScenarioReport.of("timers", shown, lesson, run);
    }
}
