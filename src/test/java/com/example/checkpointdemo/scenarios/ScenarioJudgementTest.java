package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.report.JobFacts;
import com.example.checkpointdemo.report.JobInspector;
import com.example.checkpointdemo.report.OutputCheck;
import com.example.checkpointdemo.report.PrintedRows;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.report.RestoredState;
import com.example.checkpointdemo.testing.Jobs;
import com.example.checkpointdemo.testing.Reports;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The scenarios' judgements without a cluster: a run that shows the lesson, and one that does not. */
class ScenarioJudgementTest {

    private static final List<Long> INPUT = LongStream.rangeClosed(1, 20).boxed().toList();

    @Test
    void duplicatesNeedsRowsPrintedTwiceButCommittedOnce() {
        final RecoveryReport restored = report(Jobs.finished().injected(1).restored(1).build(), rows(3, 1));
        final List<SumRow> printed = new ArrayList<>(rows(8, 0).subList(0, 7)); // 1..7 on attempt 0
        printed.addAll(rows(3, 1).subList(3, 20)); // 4..20 again on attempt 1

        final ScenarioReport shown = DuplicatesScenario.judge(restored, new PrintedRows(printed));
        assertThat(shown.lessonShown()).as(shown.lesson()).isTrue();
        assertThat(shown.lesson()).startsWith("The print sink wrote 24 rows for 20 committed: v = 4, 5, 6, 7 twice");
        assertThat(DuplicatesScenario.judge(restored, new PrintedRows(rows(3, 1))).lessonShown()).isFalse();
    }

    @Test
    void noCheckpointIsShownOnlyWhenTheFailureCameBeforeTheFirstCheckpoint() {
        final RecoveryReport fromScratch = report(Jobs.finished().injected(1).checkpoint(1, 4800).build(), rows(0, 1));
        final RecoveryReport restored = report(Jobs.finished().injected(1).restored(1).build(), rows(3, 1));

        assertThat(NoCheckpointScenario.judge(fromScratch).lessonShown()).isTrue();
        assertThat(NoCheckpointScenario.judge(fromScratch).lesson()).startsWith(
                "The failure at v = 8 came 3.8 s before the first checkpoint completed.");
        assertThat(NoCheckpointScenario.judge(restored).lessonShown()).isFalse();
        assertThat(NoCheckpointScenario.judge(restored).lesson()).contains("NOT SHOWN");
    }

    @Test
    void stateFlagNeedsAFailureOnEveryAttemptAndNothingWrongCommitted() {
        final RecoveryReport failed = report(Jobs.ended("FAILED").injected(4).restored(3).build(), rows(3, 1).subList(0, 6));
        final RecoveryReport failedOnce = report(Jobs.finished().injected(1).restored(1).build(), rows(3, 1));

        assertThat(StateFlagScenario.judge(failed).lessonShown()).isTrue();
        assertThat(StateFlagScenario.judge(failed).lesson()).startsWith(
                "The failure was injected 4 times, once on each of 4 attempts, and the job ended FAILED after 3 restarts.");
        assertThat(StateFlagScenario.judge(failedOnce).lessonShown()).isFalse();
    }

    @Test
    void resumeNeedsTheRetainedCheckpointRestored() {
        final RecoveryReport both = report(Jobs.finished().restored(3).build(), rows(13, 1));

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
        final RecoveryReport both = report(Jobs.finished().restored(2).build(), threeKeys);
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

    /**
     * The report of {@code job} with its {@code committed} rows; the restored checkpoint (if any)
     * holds what the last attempt resumed from, and a job without an injected failure was started
     * from it.
     */
    private static RecoveryReport report(JobFacts job, List<SumRow> committed) {
        final boolean injected = !job.injectedFailures().isEmpty();
        final RestoredState held = job.restored() == null ? null
                : Reports.held(job.restored().checkpointId(), OutputCheck.of(committed, INPUT).resumedSums());
        return Reports.report(job, committed, INPUT, injected ? FaultPlan.failOnce(8) : FaultPlan.none(), held,
                injected ? null : job.restoredCheckpointPath());
    }
}
