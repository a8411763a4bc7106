package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.testing.DemoScripts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import static com.example.checkpointdemo.testing.Expected.committedRows;
import static com.example.checkpointdemo.testing.Expected.committedRowsIn;
import static com.example.checkpointdemo.testing.Expected.runningSums;
import static com.example.checkpointdemo.testing.Expected.valueAndSum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * sql/checkpoint_demo.sql itself, run as bin/demo runs it, with each of the three ways to keep the
 * running sum: every one must bring the state back from a checkpoint.
 */
class CheckpointDemoITCase extends DemoTestBase {

    /** An input unlike 1..20: repeated and negative values; the 7 is the 14th line. */
    static final List<Long> OTHER_INPUT = List.of(3L, 1L, 4L, 1L, 5L, 9L, 2L, 6L, 5L, 3L, 5L, -8L, 9L, 7L, 9L, 3L, 2L);

    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Variant.class)
    void restoresTheRunningSumFromACheckpoint(Variant variant) {
        final RecoveryReport report = runDemo(DemoScripts.CHECKPOINT_DEMO, variant, null);

        assertThat(report.variant()).isEqualTo(variant.id());
        assertThat(report.jobStatus()).isEqualTo("FINISHED");
        assertThat(report.faultPlan()).containsExactly(8L);
        assertThat(report.injectedFailures()).isEqualTo(1);
        assertThat(report.restarts()).isEqualTo(1);
        assertThat(report.restoredCheckpointId()).isNotNull().isGreaterThanOrEqualTo(1);
        assertThat(report.resumedSum()).isNotNull().isPositive();
        assertThat(report.finalSum()).isEqualTo(210);
        assertThat(report.ok()).as(report.verdict()).isTrue();

        final List<SumRow> committed = committedRows(created.created(), DemoScripts.COMMITTED_SUMS);
        assertThat(valueAndSum(committed))
                .containsExactlyElementsOf(runningSums(LongStream.rangeClosed(1, 20).boxed().toList()));
        assertThat(committed).extracting(SumRow::attempt).contains(0, 1).containsOnly(0, 1);
        // The first row of attempt 1 continues from the restored sum, not from 0.
        final SumRow resumed = committed.stream().filter(row -> row.attempt() == 1).findFirst().orElseThrow();
        assertThat(resumed.runningSum() - resumed.v()).isEqualTo(report.resumedSum());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aCopyWithAnotherInputAndFailurePointRecoversToo(Variant variant) throws IOException {
        final Path input = Files.write(dir.resolve("numbers.csv"), OTHER_INPUT.stream().map(String::valueOf).toList());
        final Path output = dir.resolve("committed");
        final Path script = DemoScripts.copyOfCheckpointDemo(dir, input, output, FaultPlan.failOnce(7));

        final RecoveryReport report = runDemo(script, variant, null);

        assertThat(report.faultPlan()).containsExactly(7L);
        assertThat(report.injectedFailures()).isEqualTo(1);
        assertThat(report.restoredCheckpointId()).isNotNull();
        assertThat(report.resumedSum()).isNotNull().isPositive();
        assertThat(report.finalSum()).isEqualTo(OTHER_INPUT.stream().mapToLong(Long::longValue).sum());
        assertThat(report.ok()).as(report.verdict()).isTrue();
        assertThat(valueAndSum(committedRowsIn(output.resolve("committed_sums"))))
                .containsExactlyElementsOf(runningSums(OTHER_INPUT));
    }

    @Test
    void failOnOverridesTheScriptsFailurePoint() {
        final RecoveryReport report = runDemo(DemoScripts.CHECKPOINT_DEMO, Variant.PTF, 13);

        assertThat(report.faultPlan()).containsExactly(13L);
        assertThat(report.failures()).containsExactly(
                "com.example.checkpointdemo.functions.InjectedFailure: Injected failure at v=13 on attempt 0");
        assertThat(report.ok()).as(report.verdict()).isTrue();
    }
}
