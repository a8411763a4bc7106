package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.testing.CreatedFiles;
import com.example.checkpointdemo.testing.DemoScripts;
import com.example.checkpointdemo.testing.MiniClusters;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Each lesson, run as bin/demo scenario NAME runs it, must show what it teaches. */
class ScenarioITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.extension();

    @Test
    void duplicatesArePrintedButNotCommitted() throws Exception {
        final ScenarioReport report = run("duplicates");

        assertThat(report.printedDuplicates()).isGreaterThanOrEqualTo(1);
        assertThat(report.printedRows()).isEqualTo(report.recovery().committedRows() + report.printedDuplicates());
        assertThat(report.recovery().committedDuplicates()).isZero();
        assertThat(report.recovery().finalSum()).isEqualTo(210);
    }

    @Test
    void aFailureBeforeAnyCheckpointRestartsFromScratchAndStillEndsAt210() throws Exception {
        final ScenarioReport report = run("no-checkpoint");

        assertThat(report.recovery().restoredCheckpointId()).isNull();
        assertThat(report.recovery().resumedSum()).isZero();
        assertThat(report.recovery().injectedFailures()).isEqualTo(1);
        assertThat(report.recovery().finalSum()).isEqualTo(210);
        assertThat(report.recovery().ok()).isFalse();
        assertThat(report.lesson()).contains("proves nothing");
    }

    @Test
    void aFailedOnceFlagInStateIsRolledBackUntilTheJobFails() throws Exception {
        final ScenarioReport report = run("state-flag");

        assertThat(report.recovery().jobStatus()).isEqualTo("FAILED");
        assertThat(report.recovery().injectedFailures()).isEqualTo(4);
        assertThat(report.recovery().committedWrong()).isZero();
        assertThat(report.lesson()).contains("no checkpoint ever held it", "brought back false", "attempt number");
    }

    @Test
    void aCancelledJobResumesFromItsRetainedCheckpoint() throws Exception {
        final ScenarioReport report = run("resume");

        assertThat(report.recovery().restoredCheckpointId()).isEqualTo(report.retainedCheckpointId());
        assertThat(report.recovery().resumedSum()).isPositive();
        assertThat(report.recovery().committedExact()).isTrue();
        assertThat(report.recovery().finalSum()).isEqualTo(210);
    }

    @Test
    void everyKeysSumSurvivesARescaleFromTwoToThree() throws Exception {
        final ScenarioReport report = run("rescale");

        assertThat(report.parallelismBefore()).isEqualTo(2);
        assertThat(report.parallelismAfter()).isEqualTo(3);
        assertThat(report.sumsCorrect()).isTrue();
        assertThat(report.recovery().finalSumByKey()).containsOnlyKeys("0", "1", "2");
        assertThat(report.recovery().committedExact()).isTrue();
    }

    private static ScenarioReport run(String name) throws Exception {
        final ScenarioReport report;
        try (CreatedFiles created =
                CreatedFiles.under(DemoScripts.SCENARIO_OUTPUT, DemoScripts.CHECKPOINTS, DemoScripts.SAVEPOINTS)) {
            report = Scenario.named(name).orElseThrow().run(MiniClusters.address(MINI_CLUSTER));
        }
        assertThat(report.lessonShown()).as(report.lesson()).isTrue();
        return report;
    }
}
