package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.InputValues;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.report.Workspace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code source-not-replayable}: the demo's job over numbers pushed through a socket
 * ({@link NumberPusher}) instead of read from the file. The restore rolls the running sum back to
 * the checkpoint, the socket source has no position to roll back, and the rows read after the
 * checkpoint are lost: exactly those the first attempt was sent beyond what the checkpoint holds.
 */
final class SourceNotReplayableScenario implements Scenario {

    /** The numbers pushed, as the file the demo reads holds them. */
    static final Path NUMBERS = Path.of("data/checkpoint_numbers.csv");

    /** One number every 200 ms, as PACE(v, 200) paces the demo. */
    static final Duration PACE = Duration.ofMillis(200);

    @Override
    public String name() {
        return "source-not-replayable";
    }

    @Override
    public Path script() {
        return Path.of("sql/scenarios/source_not_replayable.sql");
    }

    @Override
    public Outcome run(Workspace workspace) throws Exception {
        final List<List<Long>> sent;
        final RunEvidence run;
        try (NumberPusher pusher = NumberPusher.start(InputValues.read(new org.apache.flink.core.fs.Path(NUMBERS.toUri())).values(), PACE)) {
            run = workspace.run(script(), Runs.runner(workspace, script()).tableOption("pushed_numbers", "port",
                    String.valueOf(pusher.port()), "the scenario's sender listens on a free port"));
            sent = pusher.sent();
        }
        return new Outcome(judge(run.report(workspace.timeline().toString()), sent, run.committed()), List.of(run));
    }

    /**
     * Shown when a checkpoint was restored and the values missing from the committed output are
     * exactly those sent to the first attempt beyond what the restored running sum holds (the
     * longest first numbers sent whose sum it is), none duplicated.
     */
    static ScenarioReport judge(RecoveryReport run, List<List<Long>> sent, List<SumRow> committed) {
        final Long restored = run.restoredState() == null ? null : run.restoredState().get("all");
        final List<Long> first = sent.isEmpty() ? List.of() : sent.get(0);
        final Integer held = restored == null ? null : prefixSummingTo(first, restored);
        final List<Long> expectedLost = held == null ? List.of() : first.subList(held, first.size());
        final List<Long> missing = missing(sent.stream().flatMap(List::stream).toList(), committed);
        final boolean shown = run.restoredCheckpointId() != null && held != null && !expectedLost.isEmpty()
                && missing.equals(expectedLost) && run.committedDuplicates() == 0
                && Objects.equals(run.finalSum(), run.expectedSum() - expectedLost.stream().mapToLong(Long::longValue).sum());
        final String lesson = Text.format(
                "The sender pushed %d numbers to the first attempt (up to %s) and %d after the restart. The job failed at"
                        + " v = %s and restored checkpoint %s, whose running sum %s holds the first %s of them (the"
                        + " checkpoint's state, read from its files). The socket source keeps no position, so nothing was"
                        + " read again: the committed output lacks %s (%d rows), exactly the numbers read after that"
                        + " checkpoint, and ends at %s instead of %s. Over the file, the checkpoint holds the source's"
                        + " position and the same rows are read again (bin/demo).%s",
                first.size(), first.isEmpty() ? "-" : first.get(first.size() - 1),
                sent.stream().skip(1).mapToInt(List::size).sum(),
                run.faultPlan().isEmpty() ? "?" : run.faultPlan().get(0), run.restoredCheckpointId(), restored,
                held == null ? "?" : held, missing, missing.size(), run.finalSum(), run.expectedSum(),
                shown ? "" : Text.format(" NOT SHOWN: expected a restored checkpoint and the committed output lacking"
                        + " exactly the numbers sent after it before the failure (%s).", expectedLost));
        return ScenarioReport.of("source-not-replayable", shown, lesson, run);
    }

    /** How many of the first {@code values} sum to {@code sum}; null when no prefix does. */
    static Integer prefixSummingTo(List<Long> values, long sum) {
        long total = 0;
        for (int i = 0; i <= values.size(); i++) {
            if (total == sum) {
                return i;
            }
            if (i < values.size()) {
                total += values.get(i);
            }
        }
        return null;
    }

    /** The values sent that no committed row carries, in the order they were sent (each once per row missing). */
    static List<Long> missing(List<Long> sent, List<SumRow> committed) {
        final Map<Long, Long> counts = new java.util.HashMap<>();
        committed.forEach(row -> counts.merge(row.v(), 1L, Long::sum));
        final List<Long> missing = new ArrayList<>();
        for (Long value : sent) {
            if (counts.getOrDefault(value, 0L) > 0) {
                counts.merge(value, -1L, Long::sum);
            } else {
                missing.add(value);
            }
        }
        return missing;
    }
}
