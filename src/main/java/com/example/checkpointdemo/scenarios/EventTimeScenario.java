package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code event-time}: a tumbling event-time window over the running sum's rows, the job failed while
 * a window is open and restored from a checkpoint: each window is in the committed output once,
 * with the total of its numbers (computed here from the input, without Flink).
 */
final class EventTimeScenario implements Scenario {

    /** The sink of the windows' totals, and how long a window is. */
    static final String WINDOWS = "window_totals";
    static final long WINDOW_SECONDS = 5;

    @Override
    public String name() {
        return "event-time";
    }

    @Override
    public Path script() {
        return Path.of("sql/scenarios/event_time.sql");
    }

    @Override
    public Outcome run(Workspace workspace) {
        final RunEvidence run = Runs.once(workspace, script());
        return new Outcome(judge(run.report(workspace.timeline().toString()), windows(run), run.input().values()), List.of(run));
    }

    /** Each committed window's start (seconds of event time) and total, in the order of their starts; a window committed twice counts twice. */
    static List<Map.Entry<Long, Long>> windows(RunEvidence run) {
        return Runs.committedLines(run, WINDOWS).stream()
                .map(columns -> Map.entry(Long.parseLong(columns[0]), Long.parseLong(columns[1])))
                .sorted(Map.Entry.comparingByKey()).toList();
    }

    /** Each window's total, from the input values themselves: v has the event time of v seconds. */
    static Map<Long, Long> expected(List<Long> values) {
        return values.stream().collect(Collectors.groupingBy(v -> Math.floorDiv(v, WINDOW_SECONDS) * WINDOW_SECONDS, TreeMap::new,
                Collectors.summingLong(v -> v)));
    }

    /** Shown when recovery is proven from a checkpoint and each window is committed once, with its total. */
    static ScenarioReport judge(RecoveryReport run, List<Map.Entry<Long, Long>> windows, List<Long> values) {
        final Map<Long, Long> expected = expected(values);
        final boolean eachOnce = windows.stream().map(Map.Entry::getKey).distinct().count() == windows.size();
        final boolean shown = run.outcome() == com.example.checkpointdemo.report.Outcome.PROVEN && run.restoredCheckpointId() != null
                && eachOnce && new TreeMap<>(Map.ofEntries(windows.toArray(Map.Entry[]::new))).equals(expected);
        final String lesson = Text.format(
                "The job failed at v = 8, while the window [5 s, 10 s) was open, and restored checkpoint %s, whose"
                        + " window state held the open windows' partial totals. Each window fires when the watermark"
                        + " passes its end; one that fired before the failure but was not yet committed is thrown"
                        + " away by the restore and fires again. The committed windows: %s (from the input: %s).%s",
                run.restoredCheckpointId(), describe(windows), describe(List.copyOf(expected.entrySet())),
                shown ? "" : Text.of(" NOT SHOWN: expected a proven recovery and each window committed once, with the"
                        + " total of its numbers."));
        return ScenarioReport.of("event-time", shown, lesson, run);
    }

    private static String describe(List<Map.Entry<Long, Long>> windows) {
        return windows.stream().map(w -> "[" + w.getKey() + " s, " + (w.getKey() + WINDOW_SECONDS) + " s) → " + w.getValue())
                .collect(Collectors.joining(", "));
    }
}
