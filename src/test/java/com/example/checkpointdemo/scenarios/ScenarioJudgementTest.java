package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.report.JobFacts;
import com.example.checkpointdemo.report.JobInspector;
import com.example.checkpointdemo.report.OutputCheck;
import com.example.checkpointdemo.report.PrintedRows;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.SumRow;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The scenarios' judgements without a cluster: a run that shows the lesson, and one that does not. */
class ScenarioJudgementTest {

    private static final List<Long> INPUT = LongStream.rangeClosed(1, 20).boxed().toList();
    private static final String INJECTED = "InjectedFailure: Injected failure at v=8 on attempt 0";

    @Test
    void duplicatesNeedsRowsPrintedTwiceButCommittedOnce() {
        final RecoveryReport restored = report("FINISHED", List.of(INJECTED), 1L, rows(3, 1));

        assertThat(DuplicatesScenario.judge(restored, new PrintedRows(24, 4)).lessonShown()).isTrue();
        assertThat(DuplicatesScenario.judge(restored, new PrintedRows(20, 0)).lessonShown()).isFalse();
    }

    @Test
    void noCheckpointIsNotShownWhenACheckpointWasRestored() {
        final RecoveryReport fromScratch = report("FINISHED", List.of(INJECTED), null, rows(0, 1));
        final RecoveryReport restored = report("FINISHED", List.of(INJECTED), 1L, rows(3, 1));

        assertThat(NoCheckpointScenario.judge(fromScratch).lessonShown()).isTrue();
        assertThat(NoCheckpointScenario.judge(restored).lessonShown()).isFalse();
        assertThat(NoCheckpointScenario.judge(restored).lesson()).contains("NOT SHOWN");
    }

    @Test
    void stateFlagNeedsAFailureOnEveryAttemptAndNothingWrongCommitted() {
        final List<String> fourTimes = List.of(INJECTED, INJECTED, INJECTED, INJECTED);
        final RecoveryReport failed = report("FAILED", fourTimes, 3L, rows(3, 1).subList(0, 6));
        final RecoveryReport failedOnce = report("FINISHED", List.of(INJECTED), 1L, rows(3, 1));

        assertThat(StateFlagScenario.judge(failed).lessonShown()).isTrue();
        assertThat(StateFlagScenario.judge(failedOnce).lessonShown()).isFalse();
    }

    @Test
    void resumeNeedsTheRetainedCheckpointRestored() {
        final RecoveryReport both = report("FINISHED", List.of(), 3L, rows(13, 1));

        assertThat(ResumeScenario.judge("CANCELED", new JobInspector.Checkpoint(3, "chk-3"), both).lessonShown()).isTrue();
        assertThat(ResumeScenario.judge("CANCELED", new JobInspector.Checkpoint(2, "chk-2"), both).lessonShown()).isFalse();
    }

    @Test
    void rescaleNeedsEveryKeysSumRight() {
        final List<SumRow> threeKeys = new ArrayList<>();
        final long[] sums = new long[3];
        for (long v : INPUT) {
            sums[(int) (v % 3)] += v;
            threeKeys.add(new SumRow(String.valueOf(v % 3), v, sums[(int) (v % 3)], v <= 5 ? 0 : 1));
        }
        final RecoveryReport both = report("FINISHED", List.of(), 2L, threeKeys);
        final Map<String, Long> expected = RescaleScenario.expectedSumsByKey(INPUT);

        assertThat(RescaleScenario.judge(2, 3, "sp", both, expected).sumsCorrect()).isTrue();
        assertThat(RescaleScenario.judge(2, 3, "sp", both, expected).lessonShown()).isTrue();
        assertThat(RescaleScenario.judge(2, 2, "sp", both, expected).lessonShown()).isFalse();
        assertThat(RescaleScenario.judge(2, 3, "sp", both, Map.of("0", 1L)).sumsCorrect()).isFalse();
    }

    /** One key's rows for 1..20: the first {@code firstAttemptRows} from attempt 0, the rest from {@code later}. */
    private static List<SumRow> rows(int firstAttemptRows, int later) {
        final List<SumRow> rows = new ArrayList<>();
        long sum = 0;
        for (long v : INPUT) {
            sum += v;
            rows.add(new SumRow("all", v, sum, rows.size() < firstAttemptRows ? 0 : later));
        }
        return rows;
    }

    private static RecoveryReport report(String status, List<String> injected, Long restored, List<SumRow> committed) {
        final JobFacts job =
                new JobFacts("j", status, 9000, 1, Math.max(0, injected.size() - ("FAILED".equals(status) ? 1 : 0)),
                        injected, List.of(), 5, restored, restored == null ? null : "chk-" + restored, null, null);
        return RecoveryReport.of(
                "ptf", "s.sql", injected.isEmpty() ? FaultPlan.none() : FaultPlan.failOnce(8), job,
                OutputCheck.of(committed, INPUT), null, 210);
    }
}
