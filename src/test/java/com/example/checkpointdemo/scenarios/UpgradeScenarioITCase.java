package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.report.Outcome;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.testing.MiniClusters;
import com.example.checkpointdemo.testing.Sandbox;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import static com.example.checkpointdemo.testing.Expected.committedRowsIn;
import static com.example.checkpointdemo.testing.Expected.runningSums;
import static com.example.checkpointdemo.testing.Expected.valueAndSum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upgrade lessons, each run as {@code bin/demo scenario upgrade-...} runs it: the first job
 * stopped with a savepoint, the changed script started from it, and what became of the state
 * checked against the savepoint's own content and the committed files.
 */
class UpgradeScenarioITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.extension();

    private static final List<Long> ONE_TO_TWENTY = LongStream.rangeClosed(1, 20).boxed().toList();

    @TempDir Path dir;

    private Sandbox sandbox;
    private Workspace workspace;

    @BeforeEach
    void setUp() throws IOException {
        sandbox = Sandbox.in(dir);
        workspace = sandbox.workspace(MiniClusters.address(MINI_CLUSTER));
    }

    @Test
    void aFunctionRenamedWithItsUidKeptKeepsItsState() throws Exception {
        final Scenario.Outcome outcome = run("upgrade-renamed-with-uid");
        final RunEvidence first = outcome.runs().get(0);
        final RunEvidence changed = outcome.runs().get(1);

        final long committedByFirst = sumOf(first.committed());
        assertThat(committedByFirst).isPositive();
        assertThat(outcome.report().savepointHolds()).startsWith("all → " + committedByFirst + "  (operator uid SumAndFailOnce");
        assertThat(changed.job().restored().savepoint()).isTrue();
        assertThat(changed.committed().get(0).runningSum() - changed.committed().get(0).v()).isEqualTo(committedByFirst);
        assertThat(valueAndSum(committedRowsIn(upgradeOutput()))).containsExactlyElementsOf(runningSums(ONE_TO_TWENTY));
        assertThat(outcome.report().recovery().outcome()).isEqualTo(Outcome.PROVEN);
    }

    @Test
    void aFunctionRenamedWithoutAUidDoesNotStartOrStartsFromZero() throws Exception {
        final Scenario.Outcome outcome = run("upgrade-renamed");
        final RunEvidence first = outcome.runs().get(0);

        // As written it never ran: two runs, the first and the one with ignore-unclaimed-state.
        assertThat(outcome.runs()).hasSize(2);
        assertThat(outcome.report().changedJobs().get(0)).contains("NOT STARTED", "Cannot map checkpoint/savepoint state");
        final RunEvidence ignoring = outcome.runs().get(1);
        final long committedByFirst = sumOf(first.committed());
        assertThat(ignoring.job().restored().savepoint()).isTrue();
        assertThat(ignoring.job().otherFailures()).isEmpty();
        // Every later number once, each summed from 0: the first job's sum is gone.
        final List<Long> after = ONE_TO_TWENTY.subList(first.committed().size(), 20);
        assertThat(valueAndSum(ignoring.committed())).containsExactlyElementsOf(runningSums(after));
        assertThat(outcome.report().recovery().finalSum()).isEqualTo(210 - committedByFirst);
    }

    @Test
    void aStateThatGainsAFieldFailsEveryAttemptAndTheSavepointKeepsIt() throws Exception {
        final Scenario.Outcome outcome = run("upgrade-state-gains-field");
        final RunEvidence first = outcome.runs().get(0);
        final RunEvidence changed = outcome.runs().get(1);

        assertThat(changed.job().status()).isEqualTo("FAILED");
        assertThat(changed.job().otherFailures())
                .anySatisfy(failure -> assertThat(failure).startsWith("org.apache.flink.util.StateMigrationException"));
        assertThat(changed.committed()).isEmpty();
        assertThat(outcome.report().savepointHolds()).startsWith("all → " + sumOf(first.committed()) + "  ");
    }

    @Test
    void aFilterAddedBeforeTheFunctionMovesTheFileSinkAndIgnoringThatLosesRows() throws Exception {
        final Scenario.Outcome outcome = run("upgrade-filter-added");
        final RunEvidence first = outcome.runs().get(0);
        final RunEvidence ignoring = outcome.runs().get(1);

        // The first job checkpointed nothing: what it wrote was in the savepoint only, uncommitted.
        assertThat(first.committed()).isEmpty();
        assertThat(outcome.report().changedJobs().get(0))
                .contains("NOT STARTED", "Cannot map checkpoint/savepoint state", "is StreamingFileWriter]");
        // The function's state came back; the rows the writer's state held did not.
        final long held = Long.parseLong(outcome.report().savepointHolds().replaceFirst("^all → (\\d+) .*", "$1"));
        final List<SumRow> committed = committedRowsIn(upgradeOutput());
        final List<Long> lost = ONE_TO_TWENTY.stream().filter(v -> committed.stream().noneMatch(row -> row.v() == v)).toList();
        assertThat(lost).isNotEmpty().isEqualTo(ONE_TO_TWENTY.subList(0, lost.size()));
        assertThat(lost.stream().mapToLong(Long::longValue).sum()).isEqualTo(held);
        assertThat(ignoring.committed().get(0).runningSum() - ignoring.committed().get(0).v()).isEqualTo(held);
        assertThat(committed).extracting(SumRow::v).doesNotHaveDuplicates();
    }

    @Test
    void aCompiledPlanKeptRunsTheFirstJobsPlanAndKeepsAllItsState() throws Exception {
        final Scenario.Outcome outcome = run("upgrade-planned-filter-added");
        final RunEvidence first = outcome.runs().get(0);

        assertThat(first.committed()).isEmpty();
        assertThat(sandbox.output("scenarios/upgrade-plan.json")).exists();
        assertThat(outcome.report().changedJobs().get(0)).contains("FINISHED", "restored savepoint");
        // The rows the savepoint held uncommitted were committed after the restore: nothing lost.
        assertThat(valueAndSum(committedRowsIn(upgradeOutput()))).containsExactlyElementsOf(runningSums(ONE_TO_TWENTY));
        assertThat(outcome.report().recovery().outcome()).isEqualTo(Outcome.PROVEN);
    }

    private Path upgradeOutput() {
        return sandbox.output("scenarios/upgrade");
    }

    private static long sumOf(List<SumRow> rows) {
        return rows.stream().mapToLong(SumRow::v).sum();
    }

    private Scenario.Outcome run(String name) throws Exception {
        final Scenario.Outcome outcome = Scenario.named(name).orElseThrow().run(workspace);
        assertThat(outcome.report().lessonShown()).as(outcome.report().lesson()).isTrue();
        return outcome;
    }
}
