package com.example.checkpointdemo.report;

import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.testing.Jobs;
import com.example.checkpointdemo.testing.Reports;
import com.example.checkpointdemo.testing.Rows;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each outcome of the verdict, on made-up facts: PROVEN only when every fact agrees. */
class VerdictTest {

    private static final List<Long> INPUT = LongStream.rangeClosed(1, 20).boxed().toList();
    private static final FaultPlan FAIL_AT_8 = FaultPlan.failOnce(8);

    @Test
    void aRestoreWhoseStateTheOutputResumedFromIsProof() {
        final Verdict verdict = judge(Jobs.finished().injected(1).restored(2).build(), 3, FAIL_AT_8, Reports.held(2, 6));

        assertThat(verdict.outcome()).isEqualTo(Outcome.PROVEN);
        assertThat(verdict.line()).isEqualTo(
                "RECOVERY PROVEN: the state came back from checkpoint 2, whose files hold all → 6; the restarted job"
                        + " resumed with running_sum 6, not from 0; and the committed output is exact");
    }

    @Test
    void anOutputThatDidNotResumeFromTheCheckpointsStateDisagrees() {
        // The checkpoint holds 6, yet the restarted attempt began at 0: the sum lived outside Flink's state.
        final List<SumRow> rows = new ArrayList<>(Rows.restarted(INPUT, 3, 1).subList(0, 3));
        rows.addAll(Rows.processed(INPUT.subList(3, 20), 0, 1, Rows.RESTORED_AT + 100));
        final Verdict verdict = Verdict.judge(
                Reports.facts(Jobs.finished().injected(1).restored(1).build(), rows, INPUT, FAIL_AT_8, Reports.held(1, 6), null));

        assertThat(verdict.outcome()).isEqualTo(Outcome.STATE_DISAGREES);
        assertThat(verdict.message()).isEqualTo(
                "checkpoint 1 holds 6 (read from its files), but the restarted job resumed with running_sum 0: the"
                        + " running sum did not come back from Flink's state");
    }

    @Test
    void aSumKeptOutsideTheStateDisagreesWithACheckpointThatHoldsNone() {
        // A static field carried 28 across the restart; the checkpoint's state holds no running sum at all.
        final Verdict verdict = judge(Jobs.finished().injected(1).restored(1).build(), 7, FAIL_AT_8, Reports.held(1, Map.of()));

        assertThat(verdict.outcome()).isEqualTo(Outcome.STATE_DISAGREES);
        assertThat(verdict.message()).startsWith("checkpoint 1 holds no running sum for all (read from its files), but the"
                + " restarted job resumed with running_sum 28");
    }

    @Test
    void noCheckpointCompletedBeforeTheFailureMeansARestartFromScratch() {
        // The failure at 1000 ms; the first checkpoint completed at 2500 ms, after it.
        final Verdict verdict = judge(Jobs.finished().injected(1).checkpoint(1, 2500).build(), 0, FAIL_AT_8, null);

        assertThat(verdict.outcome()).isEqualTo(Outcome.RESTARTED_FROM_SCRATCH);
        assertThat(verdict.message()).isEqualTo(
                "no checkpoint had completed before the failure (the first completed 1.5 s after it): the job"
                        + " restarted from scratch, so its final sum proves nothing about recovery");
    }

    @Test
    void aCheckpointCompletedBeforeTheFailureYetNoRestoreIsNamed() {
        final Verdict verdict = judge(Jobs.finished().injected(1).checkpoint(1, 400).build(), 0, FAIL_AT_8, null);

        assertThat(verdict.outcome()).isEqualTo(Outcome.RESTARTED_FROM_SCRATCH);
        assertThat(verdict.message()).isEqualTo("a checkpoint had completed 0.6 s before the failure, yet the job restarted from scratch");
    }

    @Test
    void aRestartWithoutARestoreIsNeverProofEvenWhenALaterOneRestored() {
        // Another failure at 1000 ms restarted from scratch; the injected one at 2000 ms restored checkpoint 1.
        final JobFacts job = Jobs.finished().failedWith("java.io.IOException: disk full").injected(1).restored(1).build();

        final Verdict verdict = judge(job, 3, FAIL_AT_8, Reports.held(1, 6));

        assertThat(verdict.outcome()).isEqualTo(Outcome.RESTARTED_FROM_SCRATCH);
        assertThat(verdict.message()).isEqualTo("a checkpoint had completed 0.5 s before the failure at +1.0 s, yet the job"
                + " restarted from scratch");
    }

    @Test
    void aRestoreThatNoPollSawButFlinkCountedStillRestoredTheRestart() {
        // Restarts 0.6 s apart while a store was down: REST named only the last restore, Flink counted two.
        final JobFacts job = Jobs.finished().failedWith("java.net.ConnectException: Connection refused").injected(1)
                .restored(1).restoresCounted(2).build();

        assertThat(judge(job, 3, FAIL_AT_8, Reports.held(1, 6)).outcome()).isEqualTo(Outcome.PROVEN);
    }

    @Test
    void aCountedRestoreDoesNotExcuseARestartBeforeAnyCheckpoint() {
        // The first failure came before checkpoint 1 completed: whatever Flink counted, it had nothing to restore.
        final JobFacts job = Jobs.finished().failedWith("java.net.ConnectException: Connection refused").injected(1)
                .checkpoint(1, 1500).restored(1).restoresCounted(2).build();

        final Verdict verdict = judge(job, 3, FAIL_AT_8, Reports.held(1, 6));

        assertThat(verdict.outcome()).isEqualTo(Outcome.RESTARTED_FROM_SCRATCH);
        assertThat(verdict.message()).startsWith("no checkpoint had completed before the failure at +1.0 s");
    }

    @Test
    void aCheckpointTakenBeforeTheFirstRowIsARestartFromScratch() {
        final Verdict verdict = judge(Jobs.finished().injected(1).restored(1).build(), 0, FAIL_AT_8, Reports.held(1, Map.of()));

        assertThat(verdict.outcome()).isEqualTo(Outcome.RESTARTED_FROM_SCRATCH);
        assertThat(verdict.message()).isEqualTo("checkpoint 1 was restored but held no rows yet (no running sum): the job"
                + " resumed from 0, as if there had been no checkpoint");
    }

    @Test
    void aRestoredSumOfZeroWithRowsBehindItIsStillProof() {
        // 5 + -5 = 0: the checkpoint after two rows holds a running sum of 0.
        final List<Long> input = List.of(5L, -5L, 7L);
        final Verdict verdict = Verdict.judge(Reports.facts(Jobs.finished().injected(1).restored(1).build(),
                Rows.restarted(input, 2, 1), input, FaultPlan.failOnce(7), Reports.held(1, 0), null));

        assertThat(verdict.outcome()).isEqualTo(Outcome.PROVEN);
        assertThat(verdict.message()).startsWith("the state came back from checkpoint 1, whose files hold all → 0");
    }

    @Test
    void aCheckpointWhoseStateWasNotReadProvesNothing() {
        final RestoredState unreadable = RestoredState.unreadable(1, "file:/tmp/chk-1", null, "could not copy file:/tmp/chk-1: gone");

        final Verdict verdict = judge(Jobs.finished().injected(1).restored(1).build(), 3, FAIL_AT_8, unreadable);

        assertThat(verdict.outcome()).isEqualTo(Outcome.STATE_NOT_READ);
        assertThat(verdict.line()).isEqualTo("RECOVERY NOT PROVEN (STATE NOT READ): checkpoint 1 was restored, but its state"
                + " could not be read from its files (could not copy file:/tmp/chk-1: gone), so nothing shows what it held");
    }

    @Test
    void noReadAtAllIsStateNotRead() {
        assertThat(judge(Jobs.finished().injected(1).restored(1).build(), 3, FAIL_AT_8, null).outcome()).isEqualTo(Outcome.STATE_NOT_READ);
    }

    @Test
    void aFailureThatNeverFiredIsNoFailureInjected() {
        final Verdict verdict = judge(Jobs.finished().build(), 20, FaultPlan.failOnce(99), null);

        assertThat(verdict.outcome()).isEqualTo(Outcome.NO_FAILURE_INJECTED);
        assertThat(verdict.message()).isEqualTo("fail_on => 99 never fired: the input has no v = 99, so nothing was restored"
                + " and there is no recovery to prove (the committed output is exact)");
    }

    @Test
    void withoutAFailureAnExactOutputProvesNothing() {
        final Verdict verdict = judge(Jobs.finished().build(), 20, FaultPlan.none(), null);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.line()).isEqualTo("RECOVERY NOT PROVEN (NO FAILURE INJECTED): no failure was configured (no"
                + " fail_on), so nothing was restored and there is no recovery to prove (the committed output is exact)");
    }

    @Test
    void aFailureNobodyInjectedIsJudgedByItsRestoreAsAnInjectedOneIs() {
        // The object store went down: the task failed of itself, and restored checkpoint 1.
        final JobFacts outage = Jobs.finished().failedWith("java.net.ConnectException: Connection refused").restored(1).build();

        final Verdict proven = judge(outage, 3, FaultPlan.none(), Reports.held(1, 6));
        final Verdict disagrees = judge(outage, 3, FaultPlan.none(), Reports.held(1, 7));

        assertThat(proven.outcome()).as(proven.message()).isEqualTo(Outcome.PROVEN);
        assertThat(disagrees.outcome()).isEqualTo(Outcome.STATE_DISAGREES);
    }

    @Test
    void aRestoreWithNoFailureOnRecordIsJudgedByItsRestore() {
        // A new leading JobManager recovered the job: its exception history is empty, its restore is
        // not, and it numbers its attempts from 0 again.
        final JobFacts failedOver = Jobs.finished().restored(1).build();

        final Verdict proven = Verdict.judge(Reports.facts(failedOver, Rows.restarted(INPUT, 3, 0), INPUT, FaultPlan.none(),
                Reports.held(1, 6), null));

        assertThat(proven.outcome()).as(proven.message()).isEqualTo(Outcome.PROVEN);
    }

    @Test
    void aJobStartedFromACheckpointOfTheJobBeforeIsProvenByItsRestore() {
        // Job 1 committed 1..13 and was cancelled, keeping checkpoint 3; job 2 started from it (its attempt 0).
        final JobFacts cancelled = Jobs.ended("CANCELED").checkpoint(3, 900).build();
        final JobFacts resumed = Jobs.finished().restored(3).build();
        final Verdict.Job first = new Verdict.Job(cancelled, List.of(), List.of(), null, Rows.processed(INPUT.subList(0, 13), 0, 0, 100));
        final List<SumRow> resumedRows = Rows.processed(INPUT.subList(13, 20), 91, 0, Rows.RESTORED_AT + 100);

        final Verdict proven = Verdict.judge(Verdict.Facts.of(List.of(first,
                new Verdict.Job(resumed, resumed.restored() == null ? List.of() : List.of(resumed.restored()),
                        List.of(Reports.held(3, 91)), "file:/tmp/chk-3", resumedRows)), INPUT, null, FaultPlan.none()));
        final Verdict nothingRestored = Verdict.judge(Verdict.Facts.of(List.of(first,
                new Verdict.Job(Jobs.finished().build(), List.of(), List.of(), "file:/tmp/chk-3", resumedRows)), INPUT, null, FaultPlan.none()));

        assertThat(proven.outcome()).as(proven.message()).isEqualTo(Outcome.PROVEN);
        assertThat(nothingRestored.outcome()).isEqualTo(Outcome.RESTARTED_FROM_SCRATCH);
        assertThat(nothingRestored.message()).isEqualTo(
                "job 2 of 2 (j): the job was to start from file:/tmp/chk-3, but Flink restored nothing: it began from zero");
    }

    @Test
    void aRestartFromScratchInAnEarlierJobOfAChainIsNamedThoughTheLastJobRestored() {
        // The lab: "fail now" at v = 1 before any checkpoint (attempt 1 starts again from 1), "cancel,
        // keep the checkpoint" once checkpoint 2 holds all → 1, "resume": the output is exact and the
        // resumed state agrees, yet job 1 restarted from zero.
        final JobFacts first = Jobs.ended("CANCELED").injected(1).checkpoint(2, 2500).build();
        final JobFacts resumed = Jobs.finished().restored(2).build();
        final List<Verdict.Job> chain = List.of(
                new Verdict.Job(first, List.of(), List.of(), null, Rows.processed(INPUT.subList(0, 1), 0, 1, 1100)),
                new Verdict.Job(resumed, List.of(resumed.restored()), List.of(Reports.held(2, 1)), "file:/tmp/chk-2",
                        Rows.processed(INPUT.subList(1, 20), 1, 0, Rows.RESTORED_AT + 100)));

        final Verdict verdict = Verdict.judge(Verdict.Facts.of(chain, INPUT, null, FaultPlan.none()));

        assertThat(verdict.outcome()).isEqualTo(Outcome.RESTARTED_FROM_SCRATCH);
        assertThat(verdict.message()).isEqualTo("job 1 of 2 (j): no checkpoint had completed before the failure (the first"
                + " completed 1.5 s after it): the job restarted from scratch, so its final sum proves nothing about recovery");
    }

    @Test
    void aLastRestoreWhoseAttemptCommittedNothingLeavesTheEarlierRestoreToProve() {
        // Failed at v = 8 (restored checkpoint 1, all → 6), then again after the last row: checkpoint 5
        // (all → 210) came back, and its attempt had nothing left to commit.
        final JobFacts job = Jobs.finished().injectedAt(1000).checkpoint(1, 500).restoredAt(1, 3000)
                .checkpoint(5, 5000).injectedAt(5500).restoredAt(5, 6000).build();
        final Verdict verdict = Verdict.judge(Verdict.Facts.of(List.of(new Verdict.Job(job,
                List.of(new JobFacts.Restore(1, "file:/tmp/chk-1", 3000, false), new JobFacts.Restore(5, "file:/tmp/chk-5", 6000, false)),
                List.of(Reports.held(1, 6), Reports.held(5, 210)), null, Rows.restarted(INPUT, 3, 1))), INPUT, null, FaultPlan.parse("8,20")));

        assertThat(verdict.outcome()).as(verdict.message()).isEqualTo(Outcome.PROVEN);
        assertThat(verdict.message()).startsWith("the state came back from checkpoint 1, whose files hold all → 6");
    }

    @Test
    void aFailureRepeatedUntilTheJobDiedPointsAtTheStateFlag() {
        final Verdict verdict = judge(Jobs.ended("FAILED").injected(4).restored(1).build(), 3, FAIL_AT_8, null);

        assertThat(verdict.outcome()).isEqualTo(Outcome.JOB_DID_NOT_FINISH);
        assertThat(verdict.message()).contains("FAILED after the failure was injected 4 times");
    }

    @Test
    void anotherFailureIsReportedWithItsCause() {
        final JobFacts failed = Jobs.ended("FAILED").failedWith("java.io.FileNotFoundException: data/x.csv").build();

        final Verdict verdict = judge(failed, 0, FAIL_AT_8, null);

        assertThat(verdict.outcome()).isEqualTo(Outcome.JOB_DID_NOT_FINISH);
        assertThat(verdict.message()).isEqualTo("the job ended FAILED: java.io.FileNotFoundException: data/x.csv");
    }

    @Test
    void aPlanWithMoreFailuresNeedsThemAll() {
        final Verdict verdict = judge(Jobs.finished().injected(1).restored(2).build(), 3, FaultPlan.parse("8,12"), Reports.held(2, 6));

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAULT_PLAN_NOT_MET);
        assertThat(verdict.message()).startsWith("the fault plan 8,12 injected 1 of its 2 failures");
    }

    @Test
    void aRowCommittedTwiceIsNotExactThoughTheStateAgrees() {
        final List<SumRow> rows = new ArrayList<>(Rows.restarted(INPUT, 3, 1));
        rows.add(5, rows.get(4));

        final Verdict verdict = Verdict.judge(
                Reports.facts(Jobs.finished().injected(1).restored(1).build(), rows, INPUT, FAIL_AT_8, Reports.held(1, 6), null));

        assertThat(verdict.outcome()).isEqualTo(Outcome.OUTPUT_NOT_EXACT);
        assertThat(verdict.message()).startsWith("the committed output is not exact: duplicate: k=all v=5");
    }

    @Test
    void badLinesThatWereNotKeptAreOutputNotExact() {
        final InputValues input = InputValues.of("1\nabc\n2\n3\n");
        final List<Long> values = List.of(1L, 2L, 3L);
        final JobFacts job = Jobs.finished().injected(1).restored(1).build();
        final Verdict.Facts facts = new Verdict.Facts(List.of(
                new Verdict.Job(job, List.of(job.restored()), List.of(Reports.held(1, 1)), null, Rows.restarted(values, 1, 1))),
                OutputCheck.of(Rows.restarted(values, 1, 1), values), RejectCheck.of(List.of(), input), FaultPlan.failOnce(2), 6);

        final Verdict verdict = Verdict.judge(facts);

        assertThat(verdict.outcome()).isEqualTo(Outcome.OUTPUT_NOT_EXACT);
        assertThat(verdict.message()).isEqualTo("the rejected rows are not the input's bad lines: bad line 2 not kept: 'abc' (not an integer)");
    }

    /**
     * Judges {@code job} with the exact output of 1..20 of which attempt 0 got the first
     * {@code rowsBeforeRestart} committed (20: no restart), the fault plan {@code plan} and what
     * the restored checkpoint holds.
     */
    private static Verdict judge(JobFacts job, int rowsBeforeRestart, FaultPlan plan, RestoredState state) {
        return Verdict.judge(Reports.facts(job, Rows.restarted(INPUT, rowsBeforeRestart, 1), INPUT, plan, state, null));
    }
}
