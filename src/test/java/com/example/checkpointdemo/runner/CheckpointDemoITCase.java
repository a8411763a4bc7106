package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.report.Outcome;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.testing.Expected;
import com.example.checkpointdemo.testing.ManualCheckpoint;
import com.example.checkpointdemo.testing.MiniClusters;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.testing.Sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static com.example.checkpointdemo.testing.Expected.committedRowsIn;
import static com.example.checkpointdemo.testing.Expected.runningSums;
import static com.example.checkpointdemo.testing.Expected.valueAndSum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * sql/checkpoint_demo.sql itself, run as bin/demo runs it, with each of the three ways to keep the
 * running sum: every one must bring the state back from a checkpoint. The failing row is held back
 * and the test triggers the one checkpoint ({@code Sandbox.manual}), so the restored checkpoint
 * holds exactly the sum of the rows before the failure, whatever the timing.
 */
class CheckpointDemoITCase extends DemoTestBase {

    private static final List<Long> ONE_TO_TWENTY = LongStream.rangeClosed(1, 20).boxed().toList();

    /** An input unlike 1..20: repeated and negative values; the 4 is the 3rd line. */
    static final List<Long> OTHER_INPUT = List.of(3L, 1L, 4L, 1L, 5L, 9L, 2L, 6L, 5L, 3L, 5L, -8L, 9L, 7L, 9L, 3L, 2L);

    @ParameterizedTest
    @EnumSource(Variant.class)
    void restoresTheRunningSumFromACheckpoint(Variant variant) throws IOException {
        final RunEvidence run = runWithManualCheckpoint(sandbox.manual(Sandbox.demo(), 8), 8, variant, null);
        final RecoveryReport report = run.report(null);

        assertThat(report.ok()).as(report.verdict()).isTrue();
        assertThat(report.variant()).isEqualTo(variant.id());
        // From Flink's REST API: one failure, the one injected at 8, and a restore after it.
        assertThat(run.job().status()).isEqualTo("FINISHED");
        assertThat(run.job().injectedFailures()).containsExactly(
                "com.example.checkpointdemo.functions.InjectedFailure: Injected failure at v=8 on attempt 0");
        assertThat(run.job().restored()).isNotNull();
        assertThat(run.job().restored().restoredAt()).isGreaterThan(run.job().lastInjectedFailureAt());
        // The one checkpoint covered 1..7: attempt 0 committed those, attempt 1 the rest.
        assertThat(committedValuesOf(run.committed(), 0)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(committedValuesOf(run.committed(), 1)).containsExactlyElementsOf(ONE_TO_TWENTY.subList(7, 20));
        assertThat(valueAndSum(run.committed())).containsExactlyElementsOf(runningSums(ONE_TO_TWENTY));
        // What the checkpoint itself holds, read from its files.
        assertThat(report.restoredState()).as(report.restoredStateNotRead()).isEqualTo(Map.of("all", 1L + 2 + 3 + 4 + 5 + 6 + 7));
        assertThat(report.resumedSums()).isEqualTo(Map.of("all", 28L));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aCopyWithAnotherInputAndFailurePointRecoversToo(Variant variant) throws IOException {
        final Path input = Files.write(dir.resolve("numbers.csv"), OTHER_INPUT.stream().map(String::valueOf).toList());
        final Path output = dir.resolve("committed");

        final RunEvidence run = runWithManualCheckpoint(
                sandbox.manual(Sandbox.demo().input(input).output(output).faults(FaultPlan.failOnce(4)), 4), 4, variant, null);
        final RecoveryReport report = run.report(null);

        assertThat(report.ok()).as(report.verdict()).isTrue();
        assertThat(report.faultPlan()).containsExactly(4L);
        assertThat(run.job().injectedFailures()).hasSize(1);
        assertThat(run.job().restoredCheckpointId()).isNotNull();
        // The 2 values before the 4 were covered by the restored checkpoint.
        final long before = OTHER_INPUT.subList(0, 2).stream().mapToLong(Long::longValue).sum();
        assertThat(report.resumedSums()).isEqualTo(Map.of("all", before));
        assertThat(report.restoredState()).as(report.restoredStateNotRead()).isEqualTo(Map.of("all", before));
        assertThat(valueAndSum(committedRowsIn(output.resolve("committed_sums")))).containsExactlyElementsOf(runningSums(OTHER_INPUT));
    }

    @Test
    void failOnOverridesTheScriptsFailurePoint() throws IOException {
        final RunEvidence run = runWithManualCheckpoint(sandbox.manual(Sandbox.demo(), 8), 8, Variant.PTF, 13);
        final RecoveryReport report = run.report(null);

        assertThat(report.faultPlan()).containsExactly(13L);
        assertThat(report.failures()).containsExactly(
                "com.example.checkpointdemo.functions.InjectedFailure: Injected failure at v=13 on attempt 0");
        assertThat(valueAndSum(run.committed())).containsExactlyElementsOf(runningSums(ONE_TO_TWENTY));
    }

    @Test
    void aCommittedFileTamperedBeforeTheCheckIsNotExact() throws IOException {
        final Workspace workspace = sandbox.workspace(MiniClusters.address(MINI_CLUSTER));
        final Path committed = sandbox.output("committed_sums");
        final RunEvidence run = workspace.run(sandbox.manual(Sandbox.demo(), 8), workspace.runner(Variant.PTF, null)
                .whileRunning(ManualCheckpoint.whenHeld(workspace.cluster(), sandbox.checkpoints(), 8))
                .observe(new JobObserver() {
                    @Override
                    public void jobSubmitted(RunningJob job) {}

                    @Override
                    public void jobEnded(org.apache.flink.api.common.JobID jobId) {
                        Expected.duplicateFirstRow(committed);
                    }
                }));
        final RecoveryReport report = run.report(null);

        assertThat(report.outcome()).as(report.verdict()).isEqualTo(Outcome.OUTPUT_NOT_EXACT);
        assertThat(report.verdict()).startsWith("the committed output is not exact: duplicate: k=all v=1");
        // The restore itself was proven up to the output: the state agreed.
        assertThat(report.restoredState()).isEqualTo(Map.of("all", 28L));
    }

    @Test
    void aSecondRunIntoTheSameSinksIsRefusedWhileTheFirstRuns() throws Exception {
        final Workspace workspace = sandbox.workspace(MiniClusters.address(MINI_CLUSTER));
        final Path script = sandbox.manual(Sandbox.demo(), 8);
        final java.util.concurrent.atomic.AtomicReference<Throwable> second = new java.util.concurrent.atomic.AtomicReference<>();
        final RunEvidence first = workspace.run(script, workspace.runner(Variant.PTF, null).whileRunning(job -> {
            // The first job's checkpoint first: the held row leaves it 1.6 s to be taken, which planning
            // a second job on a loaded machine can outlast. The first run holds its sinks until it ends.
            ManualCheckpoint.whenHeld(workspace.cluster(), sandbox.checkpoints(), 8).accept(job);
            try {
                workspace.run(script, workspace.runner(Variant.PTF, null));
            } catch (ScriptException refused) {
                second.set(refused);
            }
        }));

        assertThat(second.get()).isInstanceOf(ScriptException.class)
                .hasMessageContaining(sandbox.output("committed_sums") + " is being written by another run (process "
                        + ProcessHandle.current().pid() + ")");
        assertThat(first.report(null).outcome()).isEqualTo(Outcome.PROVEN);
    }

    private static List<Long> committedValuesOf(List<SumRow> rows, int attempt) {
        return rows.stream().filter(row -> row.attempt() == attempt).map(SumRow::v).toList();
    }
}
