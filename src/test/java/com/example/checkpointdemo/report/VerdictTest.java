package com.example.checkpointdemo.report;

import com.example.checkpointdemo.functions.FaultPlan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTest {

    private static final List<Long> INPUT = LongStream.rangeClosed(1, 20).boxed().toList();
    private static final String INJECTED = "InjectedFailure: Injected failure at v=8 on attempt 0";

    @Test
    void aRestoreWithStateAndAnExactOutputIsProof() {
        final Verdict verdict = judge(job("FINISHED", List.of(INJECTED), 2L), 3, 8);

        assertThat(verdict.ok()).isTrue();
        assertThat(verdict.message()).isEqualTo(
                "the state came back from checkpoint 2 with running_sum 6, not from 0, and the"
                        + " committed output is exact");
    }

    @Test
    void noCompletedCheckpointMeansARestartFromScratch() {
        final Verdict verdict = judge(job("FINISHED", List.of(INJECTED), null), 0, 8);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.message()).startsWith("the failure came before any checkpoint completed");
    }

    @Test
    void aCheckpointTakenBeforeTheFirstRowProvesNothingEither() {
        final Verdict verdict = judge(job("FINISHED", List.of(INJECTED), 1L), 0, 8);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.message()).startsWith("checkpoint 1 was restored but held no rows yet");
    }

    @Test
    void aRestoredSumOfZeroWithRowsBehindItIsStillProof() {
        // 5 + -5 = 0: the checkpoint after two rows holds a running sum of 0.
        final List<Long> input = List.of(5L, -5L, 7L);
        final Verdict verdict =
                Verdict.judge(job("FINISHED", List.of(INJECTED), 1L), OutputCheck.of(OutputCheckTest.run(input, 2), input),
                        null, FaultPlan.failOnce(7), 7);

        assertThat(verdict.ok()).isTrue();
        assertThat(verdict.message()).startsWith("the state came back from checkpoint 1 with running_sum 0");
    }

    @Test
    void aFailureThatNeverFiredIsNamed() {
        final Verdict verdict = judge(job("FINISHED", List.of(), null), 20, 99);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.message()).isEqualTo("fail_on => 99 never fired: the input has no v = 99");
    }

    @Test
    void aFailureRepeatedUntilTheJobDiedPointsAtTheStateFlag() {
        final Verdict verdict =
                judge(job("FAILED", List.of(INJECTED, INJECTED, INJECTED, INJECTED), 1L), 3, 8);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.message()).contains("FAILED after the failure was injected 4 times");
    }

    @Test
    void aPlanWithMoreFailuresNeedsThemAll() {
        final Verdict verdict =
                Verdict.judge(job("FINISHED", List.of(INJECTED), 2L), OutputCheck.of(OutputCheckTest.run(INPUT, 3), INPUT),
                        null, FaultPlan.parse("8,12"), 210);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.message()).startsWith("the fault plan 8,12 injected 1 of its 2 failures");
    }

    @Test
    void badLinesThatWereNotKeptFailTheRun() {
        final InputValues input = InputValues.of("1\nabc\n2\n");
        final RejectCheck nothingKept = RejectCheck.of(List.of(), input);
        final Verdict verdict =
                Verdict.judge(job("FINISHED", List.of(), null), OutputCheck.of(OutputCheckTest.run(List.of(1L, 2L), 2), List.of(1L, 2L)),
                        nothingKept, FaultPlan.none(), 3);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.message()).isEqualTo("the rejected rows are not the input's bad lines: bad line 2 not kept: 'abc' (not an integer)");
    }

    @Test
    void anotherFailureIsReportedWithItsCause() {
        final JobFacts failed =
                new JobFacts("j", "FAILED", 9000, 1, 3, List.of(), List.of("java.io.FileNotFoundException: data/x.csv"), 0, null, null, null, null);

        assertThat(judge(failed, 0, 8).message())
                .isEqualTo("the job ended FAILED: java.io.FileNotFoundException: data/x.csv");
    }

    @Test
    void withoutAFailurePointAnExactOutputIsEnough() {
        final Verdict verdict = judge(job("FINISHED", List.of(), null), 20, null);

        assertThat(verdict.ok()).isTrue();
    }

    /**
     * Judges {@code job} with the exact output of 1..20 of which attempt 0 got the first
     * {@code rowsBeforeRestart} committed (20: no restart), and the fault plan {@code failOn}.
     */
    private static Verdict judge(JobFacts job, int rowsBeforeRestart, Integer failOn) {
        final OutputCheck output = OutputCheck.of(OutputCheckTest.run(INPUT, rowsBeforeRestart), INPUT);
        return Verdict.judge(job, output, null, FaultPlan.failOnce(failOn), 210);
    }

    private static JobFacts job(String status, List<String> injected, Long restoredCheckpoint) {
        return new JobFacts(
                "j", status, 9000, 1, injected.size(), injected, List.of(), 5, restoredCheckpoint,
                restoredCheckpoint == null ? null : "file:/tmp/chk-" + restoredCheckpoint, null, null);
    }
}
