package com.example.checkpointdemo.report;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.testing.Jobs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTest {

    private static final List<Long> INPUT = LongStream.rangeClosed(1, 20).boxed().toList();

    @Test
    void aRestoreWhoseStateTheOutputResumedFromIsProof() {
        final Verdict verdict = judge(Jobs.finished().injected(1).restored(2).build(), 3, 8, state(2, 6));

        assertThat(verdict.ok()).isTrue();
        assertThat(verdict.message()).isEqualTo(
                "the state came back from checkpoint 2, which holds all → 6, the restarted attempt resumed"
                        + " with running_sum 6, not from 0, and the committed output is exact");
    }

    @Test
    void anOutputThatDidNotResumeFromTheCheckpointsStateIsNoProof() {
        // The checkpoint holds 6, yet the restarted attempt began at 0: the sum lived outside Flink's state.
        final List<SumRow> rows = new java.util.ArrayList<>(OutputCheckTest.run(INPUT, 3));
        long sum = 0;
        for (int i = 3; i < rows.size(); i++) {
            sum += rows.get(i).v();
            rows.set(i, new SumRow("all", rows.get(i).v(), sum, 1));
        }
        final Verdict verdict =
                Verdict.judge(Jobs.finished().injected(1).restored(1).build(), OutputCheck.of(rows, INPUT), null,
                        FaultPlan.failOnce(8), 210, state(1, 6));

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.message()).isEqualTo(
                "checkpoint 1 holds running_sum 6, but the restarted attempt resumed with 0: the running sum"
                        + " did not come back from Flink's state");
    }

    @Test
    void noCheckpointCompletedBeforeTheFailureMeansARestartFromScratch() {
        // The failure at 1000 ms; the first checkpoint completed at 2500 ms, after it.
        final Verdict verdict = judge(Jobs.finished().injected(1).checkpoint(1, 2500).build(), 0, 8, null);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.message()).isEqualTo(
                "no checkpoint had completed before the failure (the first completed 1.5 s after it): the job"
                        + " restarted from scratch, so its final sum proves nothing about recovery");
    }

    @Test
    void aCheckpointCompletedBeforeTheFailureYetNoRestoreIsNamed() {
        final Verdict verdict = judge(Jobs.finished().injected(1).checkpoint(1, 400).build(), 0, 8, null);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.message()).isEqualTo(
                "a checkpoint had completed 0.6 s before the failure, yet the job restarted from scratch");
    }

    @Test
    void aCheckpointTakenBeforeTheFirstRowProvesNothingEither() {
        final Verdict verdict = judge(Jobs.finished().injected(1).restored(1).build(), 0, 8, state(1, 0));

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.message()).startsWith("checkpoint 1 was restored but held no rows yet");
    }

    @Test
    void aRestoredSumOfZeroWithRowsBehindItIsStillProof() {
        // 5 + -5 = 0: the checkpoint after two rows holds a running sum of 0.
        final List<Long> input = List.of(5L, -5L, 7L);
        final Verdict verdict =
                Verdict.judge(Jobs.finished().injected(1).restored(1).build(), OutputCheck.of(OutputCheckTest.run(input, 2), input),
                        null, FaultPlan.failOnce(7), 7, state(1, 0));

        assertThat(verdict.ok()).isTrue();
        assertThat(verdict.message()).startsWith("the state came back from checkpoint 1, which holds all → 0");
    }

    @Test
    void anUnreadableCheckpointLeavesTheOutputsWord() {
        final RestoredState unreadable = RestoredState.unreadable(1, "chk-1", "no reader for this variant");
        final Verdict verdict = judge(Jobs.finished().injected(1).restored(1).build(), 3, 8, unreadable);

        assertThat(verdict.ok()).isTrue();
        assertThat(verdict.message()).startsWith("the state came back from checkpoint 1, the restarted attempt resumed with running_sum 6");
    }

    @Test
    void aFailureThatNeverFiredIsNamed() {
        final Verdict verdict = judge(Jobs.finished().build(), 20, 99, null);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.message()).isEqualTo("fail_on => 99 never fired: the input has no v = 99");
    }

    @Test
    void aFailureRepeatedUntilTheJobDiedPointsAtTheStateFlag() {
        final Verdict verdict = judge(Jobs.ended("FAILED").injected(4).restored(1).build(), 3, 8, null);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.message()).contains("FAILED after the failure was injected 4 times");
    }

    @Test
    void aPlanWithMoreFailuresNeedsThemAll() {
        final Verdict verdict =
                Verdict.judge(Jobs.finished().injected(1).restored(2).build(), OutputCheck.of(OutputCheckTest.run(INPUT, 3), INPUT),
                        null, FaultPlan.parse("8,12"), 210, null);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.message()).startsWith("the fault plan 8,12 injected 1 of its 2 failures");
    }

    @Test
    void badLinesThatWereNotKeptFailTheRun() {
        final InputValues input = InputValues.of("1\nabc\n2\n");
        final RejectCheck nothingKept = RejectCheck.of(List.of(), input);
        final Verdict verdict =
                Verdict.judge(Jobs.finished().build(), OutputCheck.of(OutputCheckTest.run(List.of(1L, 2L), 2), List.of(1L, 2L)),
                        nothingKept, FaultPlan.none(), 3, null);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.message()).isEqualTo("the rejected rows are not the input's bad lines: bad line 2 not kept: 'abc' (not an integer)");
    }

    @Test
    void anotherFailureIsReportedWithItsCause() {
        final JobFacts failed = Jobs.ended("FAILED").failedWith("java.io.FileNotFoundException: data/x.csv").build();

        assertThat(judge(failed, 0, 8, null).message()).isEqualTo("the job ended FAILED: java.io.FileNotFoundException: data/x.csv");
    }

    @Test
    void withoutAFailurePointAnExactOutputIsEnough() {
        final Verdict verdict = judge(Jobs.finished().build(), 20, null, null);

        assertThat(verdict.ok()).isTrue();
        assertThat(verdict.message()).isEqualTo("no failure was configured; the committed output is exact");
    }

    /**
     * Judges {@code job} with the exact output of 1..20 of which attempt 0 got the first
     * {@code rowsBeforeRestart} committed (20: no restart), and the fault plan {@code failOn}.
     */
    private static Verdict judge(JobFacts job, int rowsBeforeRestart, Integer failOn, RestoredState state) {
        final OutputCheck output = OutputCheck.of(OutputCheckTest.run(INPUT, rowsBeforeRestart), INPUT);
        return Verdict.judge(job, output, null, FaultPlan.failOnce(failOn), 210, state);
    }

    private static RestoredState state(long checkpoint, long sum) {
        return RestoredState.read(checkpoint, "chk-" + checkpoint, Map.of("all", sum), "test");
    }
}
