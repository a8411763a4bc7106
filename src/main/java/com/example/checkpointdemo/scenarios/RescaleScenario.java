package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.Workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code rescale}: three keys on two tasks, stopped with a savepoint, resumed on three tasks.
 * Keyed state moves with its key groups; every key's sum must come out right.
 */
final class RescaleScenario implements Scenario {

    static final int PARALLELISM_AFTER = 3;

    @Override
    public String name() {
        return "rescale";
    }

    @Override
    public Path script() {
        return Path.of("sql/scenarios/rescale.sql");
    }

    @Override
    public Outcome run(Workspace workspace) {
        final Runs.TwoRuns runs =
                Runs.stoppedAndResumed(
                        workspace,
                        script(),
                        Runs.STOP_WITH_SAVEPOINT,
                        Map.of("parallelism.default", String.valueOf(PARALLELISM_AFTER)));
        return new Outcome(
                judge(
                        runs.first().job().parallelism(),
                        runs.second().job().parallelism(),
                        runs.resumedFrom().path(),
                        Runs.acrossBoth(runs, workspace.timeline().toString()),
                        expectedSumsByKey(runs.second().input().values())),
                runs.both());
    }

    /** The script keys by {@code v % 3}: each key's sum, computed without Flink. */
    static Map<String, Long> expectedSumsByKey(List<Long> input) {
        final Map<String, Long> sums = new TreeMap<>();
        input.forEach(v -> sums.merge(String.valueOf(v % 3), v, Long::sum));
        return sums;
    }

    static ScenarioReport judge(
            int before, int after, String savepoint, RecoveryReport both, Map<String, Long> expectedSums) {
        final boolean sumsCorrect = both.finalSumByKey().equals(expectedSums);
        final boolean shown =
                before != after
                        && both.restoredCheckpointId() != null
                        && sumsCorrect
                        && both.ok()
                        && both.committedExact()
                        && Objects.equals(both.finalSum(), both.expectedSum());
        final String lesson =
                Text.format(
                        "The job ran on %d parallel tasks, was stopped with a savepoint and resumed from it"
                                + " on %d. Keyed state is kept in key groups, which Flink deals out again to the"
                                + " new tasks: each key's final sum is %s (%s, expected %s), and across both jobs"
                                + " the committed output is %s: %d rows, %d duplicates.%s",
                        before, after, Text.of(sumsCorrect ? "right" : "WRONG"), both.finalSumByKey(),
                        expectedSums, Text.of(both.committedExact() ? "exact" : "NOT exact"), both.committedRows(),
                        both.committedDuplicates(),
                        shown ? "" : Text.of(" NOT SHOWN: expected another parallelism after the restore, every"
                                + " key's sum right and an exact output."));
        return new ScenarioReport(
                "rescale", shown, lesson, both, null, null, null, null, savepoint, before, after, sumsCorrect, null, null);
    }
}
