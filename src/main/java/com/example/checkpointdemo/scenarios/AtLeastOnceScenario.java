package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.report.Workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code at-least-once}: the running sum fed by two sources, one slow, its job run with
 * AT_LEAST_ONCE checkpoints and then with EXACTLY_ONCE. Without alignment the checkpoint's state
 * counts rows past the fast source's barrier; the restore rewinds that source to its barrier and
 * they are counted again. With alignment nothing is.
 */
final class AtLeastOnceScenario implements Scenario {

    static final String MODE = "execution.checkpointing.mode";

    @Override
    public String name() {
        return "at-least-once";
    }

    @Override
    public Path script() {
        return Path.of("sql/scenarios/at_least_once.sql");
    }

    @Override
    public Outcome run(Workspace workspace) {
        final RunEvidence atLeastOnce = Runs.once(workspace, script());
        final RunEvidence exactlyOnce = workspace.run(script(), Runs.runner(workspace, script())
                .set(MODE, "EXACTLY_ONCE", "the same job again, its barriers aligned"));
        final String timeline = workspace.timeline().toString();
        return new Outcome(judge(atLeastOnce.report(timeline), atLeastOnce.committed(), exactlyOnce.report(timeline)),
                List.of(atLeastOnce, exactlyOnce));
    }

    /**
     * Shown when the AT_LEAST_ONCE job restored a checkpoint and its sum overshot by exactly the
     * values it committed twice, while the EXACTLY_ONCE job's recovery is proven with the right sum.
     */
    static ScenarioReport judge(RecoveryReport atLeastOnce, List<SumRow> committed, RecoveryReport exactlyOnce) {
        final List<Long> twice = countedTwice(committed);
        final long overshoot = atLeastOnce.finalSum() == null ? 0 : atLeastOnce.finalSum() - atLeastOnce.expectedSum();
        final Long restored = atLeastOnce.restoredState() == null ? null : atLeastOnce.restoredState().get("all");
        final Long alignedRestored = exactlyOnce.restoredState() == null ? null : exactlyOnce.restoredState().get("all");
        final boolean shown = atLeastOnce.restoredCheckpointId() != null && !twice.isEmpty()
                && overshoot == twice.stream().mapToLong(Long::longValue).sum()
                && exactlyOnce.outcome() == com.example.checkpointdemo.report.Outcome.PROVEN
                && Objects.equals(exactlyOnce.finalSum(), exactlyOnce.expectedSum());
        final String lesson = Text.format(
                "AT_LEAST_ONCE: the task did not wait for the slow even source's barrier; it went on counting odd"
                        + " numbers past the odd source's. Checkpoint %s, taken when the last barrier came, holds a running"
                        + " sum of %s (read from its files). The job failed at v = %s and restored it; the odd source"
                        + " rewound to its barrier and sent %s again, which the restored sum had counted already: the sum"
                        + " ends at %s, %d too high, and the committed output holds those rows twice. EXACTLY_ONCE, the"
                        + " same job: the task held the odd numbers back until both barriers were in; checkpoint %s holds %s,"
                        + " nothing was counted twice, the sum ends at %s and the recovery is %s.%s",
                atLeastOnce.restoredCheckpointId(), restored,
                atLeastOnce.faultPlan().isEmpty() ? "?" : atLeastOnce.faultPlan().get(0), twice,
                atLeastOnce.finalSum(), overshoot, exactlyOnce.restoredCheckpointId(), alignedRestored,
                exactlyOnce.finalSum(), exactlyOnce.outcome().label(),
                shown ? "" : Text.of(" NOT SHOWN: expected AT_LEAST_ONCE to restore a checkpoint and overshoot by"
                        + " the values it committed twice, and EXACTLY_ONCE proven with the right sum."));
        return ScenarioReport.of("at-least-once", shown, lesson, atLeastOnce);
    }

    /** The values committed more than once, once per extra copy, in order. */
    static List<Long> countedTwice(List<SumRow> committed) {
        final Set<Long> seen = new HashSet<>();
        final List<Long> twice = new ArrayList<>();
        committed.forEach(row -> {
            if (!seen.add(row.v())) {
                twice.add(row.v());
            }
        });
        return twice.stream().sorted().toList();
    }
}
