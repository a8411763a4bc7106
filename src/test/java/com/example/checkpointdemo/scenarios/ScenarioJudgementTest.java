package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.kafka.KafkaTopics;
import com.example.checkpointdemo.kafka.UpsertChangelog;
import com.example.checkpointdemo.report.KafkaFacts;
import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.report.OutputCheck;
import com.example.checkpointdemo.report.PrintedRows;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.report.RestoredState;
import com.example.checkpointdemo.testing.Jobs;
import com.example.checkpointdemo.testing.Reports;
import com.example.checkpointdemo.testing.Rows;

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
            threeKeys.add(new SumRow(String.valueOf(v % 3), v, sums[(int) (v % 3)], v <= 5 ? 0 : 1,
                    java.time.Instant.ofEpochMilli(v <= 5 ? 100 + v : Rows.RESTORED_AT + 100 + v)));
        }
        final RecoveryReport both = report(Jobs.finished().restored(2).build(), threeKeys);
        final Map<String, Long> expected = RescaleScenario.expectedSumsByKey(INPUT);

        assertThat(RescaleScenario.judge(2, 3, "sp", both, expected).sumsCorrect()).isTrue();
        assertThat(RescaleScenario.judge(2, 3, "sp", both, expected).lessonShown()).isTrue();
        assertThat(RescaleScenario.judge(2, 2, "sp", both, expected).lessonShown()).isFalse();
        assertThat(RescaleScenario.judge(2, 3, "sp", both, Map.of("0", 1L)).sumsCorrect()).isFalse();
    }

    @Test
    void kafkaTimeoutNeedsTheBrokersRefusalAndNothingCommitted() {
        final String refusal = "org.apache.kafka.common.KafkaException: " + KafkaTimeoutScenario.REFUSAL;
        final RecoveryReport refused = report(Jobs.ended("FAILED").failedWith(refusal).failedWith(refusal).build(), List.of());
        final RecoveryReport otherwise = report(Jobs.ended("FAILED").failedWith("java.io.IOException: disk full").build(), List.of());

        assertThat(KafkaTimeoutScenario.judge(refused).lessonShown()).isTrue();
        assertThat(KafkaTimeoutScenario.judge(otherwise).lessonShown()).isFalse();
        assertThat(KafkaTimeoutScenario.judge(otherwise).lesson()).contains("but not with the broker's refusal", "NOT SHOWN");
    }

    @Test
    void kafkaIsolationNeedsRowsThatOnlyReadUncommittedSees() {
        final JobFacts job = Jobs.finished().injected(1).restored(1).build();
        final List<SumRow> rows = rows(3, 1);
        final RestoredState held = Reports.held(1, 6);

        final ScenarioReport shown = KafkaIsolationScenario.judge(Reports.report(job, rows, INPUT, FaultPlan.failOnce(8), held, null,
                Reports.kafka(20, List.of("v=4 (attempt 0)", "v=5 (attempt 0)"), List.of())));
        final ScenarioReport nothingAborted = KafkaIsolationScenario.judge(Reports.report(job, rows, INPUT, FaultPlan.failOnce(8), held,
                null, Reports.kafka(20, List.of(), List.of())));
        final ScenarioReport leftOpen = KafkaIsolationScenario.judge(Reports.report(job, rows, INPUT, FaultPlan.failOnce(8), held, null,
                Reports.kafka(20, List.of("v=4 (attempt 0)"), List.of("checkpoint-demo-sums-0-3"))));

        assertThat(shown.lessonShown()).as(shown.lesson()).isTrue();
        assertThat(nothingAborted.lessonShown()).isFalse();
        assertThat(leftOpen.lessonShown()).isFalse();
    }

    @Test
    void kafkaDowntimeNeedsTheLostRowsToBeWhatTheSavepointHeld() {
        // The savepoint held 1..5 (15), uncommitted; the broker aborted them while the job was down.
        final JobFacts resumed = Jobs.finished().restored(1).build();
        final List<SumRow> after = Rows.processed(INPUT.subList(5, 20), 15, 0, Rows.RESTORED_AT + 100);
        final RecoveryReport both = Reports.report(resumed, after, INPUT, FaultPlan.none(), Reports.held(1, 15), "file:/tmp/chk-1");

        assertThat(KafkaDowntimeScenario.judge(both, 12_000, List.of(1L, 2L, 3L, 4L, 5L), 0).lessonShown()).isTrue();
        assertThat(KafkaDowntimeScenario.judge(both, 12_000, List.of(), 0).lessonShown()).as("nothing lost").isFalse();
        assertThat(KafkaDowntimeScenario.judge(both, 12_000, List.of(1L, 2L, 3L, 4L, 5L), 5).lessonShown())
                .as("the first job committed its rows after all").isFalse();
    }

    @Test
    void aBrokerKillIsShownByItsEffectOnTheJobThenItsRecovery() {
        final RecoveryReport finished = report(Jobs.finished().build(), rows(20, 0));
        final Outage outage = new Outage(2_000, 8_000);
        // Checkpoints every second; while the broker was down, the one triggered failed and none completed.
        final JobFacts felt = Jobs.finished().checkpoint(1, 1_000).checkpoint(2, 1_900).failedCheckpoint(3, 3_000)
                .checkpoint(4, 9_000).build();
        // One completed while it was down (its tasks had nothing to flush), then none until it was back.
        final JobFacts stalledAfterOne = Jobs.finished().checkpoint(1, 1_000).checkpoint(2, 1_900).checkpoint(3, 2_800)
                .checkpoint(4, 9_000).build();
        // A run whose broker never went down: checkpoints completed every second all along.
        Jobs everySecond = Jobs.finished();
        for (int id = 1; id <= 9; id++) {
            everySecond = everySecond.checkpoint(id, id * 1_000L);
        }
        final JobFacts unfelt = everySecond.build();
        // Down, but never back: no checkpoint after it.
        final JobFacts notRecovered = Jobs.finished().checkpoint(1, 1_000).checkpoint(2, 1_900).failedCheckpoint(3, 3_000).build();

        assertThat(KafkaBrokerKillScenario.judge(felt, outage, finished).lessonShown()).isTrue();
        assertThat(KafkaBrokerKillScenario.judge(unfelt, outage, finished).lessonShown()).isFalse();
        assertThat(KafkaBrokerKillScenario.judge(unfelt, outage, finished).lesson()).contains("NOT SHOWN: expected the kill felt"
                + " (a checkpoint failed, the job failed or checkpoints stalled: none of them)");
        assertThat(KafkaBrokerKillScenario.judge(stalledAfterOne, outage, finished).lessonShown()).isTrue();
        assertThat(KafkaBrokerKillScenario.judge(notRecovered, outage, finished).lessonShown()).isFalse();
    }

    @Test
    void anObjectStoreOutageNeedsFailedCheckpointsThenARestoreFromTheStore() {
        final Outage outage = new Outage(2_000, 5_000);
        final RecoveryReport localOutput = report(Jobs.finished().build(), rows(20, 0));
        final JobFacts rodeItOut = Jobs.finished().checkpoint(1, 1_000).failedCheckpoint(2, 2_500).checkpoint(3, 6_000).build();
        final JobFacts noFailure = Jobs.finished().checkpoint(1, 1_000).checkpoint(2, 2_500).checkpoint(3, 6_000).build();
        final JobFacts restoredFromStore = Jobs.finished().storedAt("s3://demo/checkpoints/j/").failedWith(
                "java.net.ConnectException: Connection refused").restored(1).build();
        final RecoveryReport inStore = report(restoredFromStore, rows(3, 1));
        final RecoveryReport restoredLocally = report(Jobs.finished().failedWith("java.net.ConnectException: Connection refused")
                .restored(1).build(), rows(3, 1));

        assertThat(S3OutageScenario.judge(rodeItOut, outage, localOutput, outage, inStore).lessonShown()).isTrue();
        assertThat(S3OutageScenario.judge(noFailure, outage, localOutput, outage, inStore).lessonShown()).isFalse();
        assertThat(S3OutageScenario.judge(rodeItOut, outage, localOutput, outage, restoredLocally).lessonShown()).isFalse();
    }

    @Test
    void anUpgradeThatKeepsTheStateNeedsTheChangedJobToResumeFromTheSavepoint() {
        final UpgradeScenario kept = (UpgradeScenario) Scenario.named("upgrade-renamed-with-uid").orElseThrow();
        final JobInspector.Checkpoint savepoint = new JobInspector.Checkpoint(3, "file:/tmp/savepoint-3");
        final RestoredState held = Reports.held(3, 28);
        final RecoveryReport both = report(Jobs.finished().restored(3).build(), rows(7, 1));

        final UpgradeScenario.ChangedJob resumed = new UpgradeScenario.ChangedJob("FINISHED", 3L, null, 13, 28L, false, null);
        final UpgradeScenario.ChangedJob fromZero = new UpgradeScenario.ChangedJob("FINISHED", 3L, null, 13, 0L, false, null);

        assertThat(kept.judge(new UpgradeScenario.Facts(savepoint, held, resumed, null, List.of()), both).lessonShown()).isTrue();
        assertThat(kept.judge(new UpgradeScenario.Facts(savepoint, held, fromZero, null, List.of()), both).lessonShown()).isFalse();
    }

    @Test
    void anUpgradeThatMustBeRefusedIsNotShownByAJobThatStarted() {
        final UpgradeScenario renamed = (UpgradeScenario) Scenario.named("upgrade-renamed").orElseThrow();
        final UpgradeScenario gainsField = (UpgradeScenario) Scenario.named("upgrade-state-gains-field").orElseThrow();
        final JobInspector.Checkpoint savepoint = new JobInspector.Checkpoint(3, "file:/tmp/savepoint-3");
        final RestoredState held = Reports.held(3, 28);
        final RecoveryReport both = report(Jobs.finished().restored(3).build(), rows(7, 1));
        final UpgradeScenario.ChangedJob started = new UpgradeScenario.ChangedJob("FINISHED", 3L, null, 13, 28L, false, null);
        final UpgradeScenario.ChangedJob refused = new UpgradeScenario.ChangedJob("NOT STARTED", null,
                "Failed to rollback to checkpoint/savepoint ...: Cannot map checkpoint/savepoint state for operator 0a", 0, null, false, "x");
        final UpgradeScenario.ChangedJob droppedState = new UpgradeScenario.ChangedJob("FINISHED", 3L, null, 13, 0L, false, null);

        assertThat(renamed.judge(new UpgradeScenario.Facts(savepoint, held, refused, droppedState, List.of()),
                report(Jobs.finished().restored(3).build(), Rows.processed(INPUT.subList(7, 20), 0, 0, Rows.RESTORED_AT + 100)))
                .lessonShown()).as("refused, then started dropping the state").isTrue();
        assertThat(renamed.judge(new UpgradeScenario.Facts(savepoint, held, started, null, List.of()), both).lessonShown()).isFalse();
        assertThat(gainsField.judge(new UpgradeScenario.Facts(savepoint, held, started, null, List.of()), both).lessonShown()).isFalse();
    }

    @Test
    void aSourceThatCannotRewindNeedsExactlyTheRowsSentAfterTheCheckpointMissing() {
        // Attempt 0 was sent 1..12 and failed at 12; the checkpoint held 1..9 (45); attempt 1 was sent 13..20.
        final List<SumRow> committed = new ArrayList<>(rows(9, 0).subList(0, 9));
        long sum = 45;
        for (long v = 13; v <= 20; v++) {
            sum += v;
            committed.add(new SumRow("all", v, sum, 1));
        }
        final RecoveryReport lost = report(Jobs.finished().injected(1).restored(2).build(), committed);
        final List<List<Long>> sent = List.of(LongStream.rangeClosed(1, 12).boxed().toList(), LongStream.rangeClosed(13, 20).boxed().toList());

        final ScenarioReport shown = SourceNotReplayableScenario.judge(lost, sent, committed);
        assertThat(shown.lessonShown()).as(shown.lesson()).isTrue();
        assertThat(shown.lesson()).contains("the committed output lacks [10, 11, 12] (3 rows)");
        // A source that replayed them: nothing missing, nothing shown.
        final RecoveryReport replayed = report(Jobs.finished().injected(1).restored(2).build(), rows(9, 1));
        assertThat(SourceNotReplayableScenario.judge(replayed, sent, rows(9, 1)).lessonShown()).isFalse();
    }

    @Test
    void atLeastOnceNeedsTheOvershootToBeTheRowsCountedTwiceAndExactlyOnceProven() {
        // Attempt 0 counted 1, 3, 5, 7 before the checkpoint; the odd source rewound to after 3: 5 and 7 twice.
        final List<SumRow> committed = new ArrayList<>();
        long sum = 0;
        for (long v : new long[] {1, 3, 5, 7}) {
            sum += v;
            committed.add(new SumRow("all", v, sum, 0));
        }
        for (long v : new long[] {5, 7, 2, 4, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}) {
            sum += v;
            committed.add(new SumRow("all", v, sum, 1));
        }
        final RecoveryReport unaligned = report(Jobs.finished().injected(1).restored(1).build(), committed);
        final RecoveryReport aligned = report(Jobs.finished().injected(1).restored(1).build(), rows(3, 1));

        assertThat(AtLeastOnceScenario.countedTwice(committed)).containsExactly(5L, 7L);
        final ScenarioReport shown = AtLeastOnceScenario.judge(unaligned, committed, aligned);
        assertThat(shown.lessonShown()).as(shown.lesson()).isTrue();
        assertThat(shown.lesson()).contains("sent [5, 7] again").contains("the sum ends at 222, 12 too high");
        // Nothing counted twice without alignment either: not shown.
        assertThat(AtLeastOnceScenario.judge(aligned, rows(3, 1), aligned).lessonShown()).isFalse();
    }

    @Test
    void twoPhaseCommitNeedsEachPartCommittedByACheckpointTakenAfterItsRows() {
        // Rows 1..20 processed 200 ms apart from t = 1000; attempt 0 processed 1..7, checkpoint 1 held 1..3.
        final List<SumRow> committed = timed(rows(3, 1));
        final RecoveryReport restored = report(Jobs.finished().injected(1).restored(1).build(), committed);
        final JobFacts.Checkpoint first = new JobFacts.Checkpoint(1, "COMPLETED", false, 1550, 1700L, "chk-1", null);
        final JobFacts.Checkpoint last = new JobFacts.Checkpoint(3, "COMPLETED", false, 5100, 5150L, "chk-3", null);
        final List<TwoPhaseCommitScenario.Commit> commits = List.of(
                new TwoPhaseCommitScenario.Commit("part-a-0-0", 1000L, 1750, committed.subList(0, 3), first),
                new TwoPhaseCommitScenario.Commit("part-a-0-1", 2000L, 5200, committed.subList(3, 20), last));
        final List<SumRow> printed = new ArrayList<>(timed(rows(8, 0)).subList(0, 7));
        printed.addAll(committed.subList(3, 20));

        final ScenarioReport shown = TwoPhaseCommitScenario.judge(restored, commits, printed, 1, java.time.Duration.ofSeconds(2), 0);
        assertThat(shown.lessonShown()).as(shown.lesson()).isTrue();
        assertThat(shown.lesson()).contains("part 0 (v = 1..3): in progress from +1.0 s, committed at +1.8 s, after checkpoint 1 completed at +1.7 s")
                .contains("rows 4..7, processed by attempt 0 after it");
        // A part (not the last) committed before any checkpoint after its rows had completed: not shown.
        final List<TwoPhaseCommitScenario.Commit> early = List.of(
                new TwoPhaseCommitScenario.Commit("part-a-0-0", 1000L, 1500, committed.subList(0, 3), null), commits.get(1));
        assertThat(TwoPhaseCommitScenario.judge(restored, early, printed, 1, java.time.Duration.ofSeconds(2), 0).lessonShown()).isFalse();
    }

    /** {@code rows}, the i-th processed at 1000 + 200 i ms. */
    private static List<SumRow> timed(List<SumRow> rows) {
        final List<SumRow> timed = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            final SumRow row = rows.get(i);
            timed.add(new SumRow(row.k(), row.v(), row.runningSum(), row.attempt(), java.time.Instant.ofEpochMilli(1000 + 200L * i)));
        }
        return timed;
    }

    @Test
    void kafkaTwoPhaseCommitNeedsEachCommitAfterItsCheckpointAndAnAbortedTransactionCommittedOnceLater() {
        final RecoveryReport restored = report(Jobs.finished().injected(1).restored(1).build(), rows(3, 1));
        final List<JobFacts.Checkpoint> checkpoints = List.of(new JobFacts.Checkpoint(1, "COMPLETED", false, 1_400, 1_500L, null, null),
                new JobFacts.Checkpoint(2, "COMPLETED", false, 5_900, 6_000L, null, null));
        final List<TransactionWatcher.Seen> seen = new ArrayList<>();
        for (int v = 1; v <= 6; v++) { // attempt 0: 1..3 before checkpoint 1, 4..6 in the transaction the failure aborts
            seen.add(new TransactionWatcher.Seen(row(v, 0, 1_000 + v * 100), 1_010 + v * 100, v <= 3 ? 1_550L : null));
        }
        for (int v = 4; v <= 20; v++) {
            seen.add(new TransactionWatcher.Seen(row(v, 1, 3_000 + v * 100), 3_010 + v * 100, 6_050L));
        }

        final ScenarioReport shown = KafkaTwoPhaseCommitScenario.judge(restored, seen, checkpoints, 0);
        assertThat(shown.lessonShown()).as(shown.lesson()).isTrue();
        assertThat(shown.lesson()).contains("v = 1..3 written from +1.1 s, committed at +1.6 s, after checkpoint 1 completed at +1.5 s",
                "v = 4..20 written from +3.4 s, committed at +6.1 s, after checkpoint 2 completed at +6.0 s", "rows 4..6, written by attempt 0");
        final ScenarioReport nothingAborted = KafkaTwoPhaseCommitScenario.judge(restored,
                seen.stream().filter(s -> s.committedAt() != null).toList(), checkpoints, 0);
        assertThat(nothingAborted.lessonShown()).isFalse();
    }

    private static SumRow row(long v, int attempt, long processedAt) {
        return new SumRow("all", v, v * (v + 1) / 2, attempt, java.time.Instant.ofEpochMilli(processedAt));
    }

    @Test
    void upsertNeedsTotalsWrittenAgainAndAnExactFinalTable() {
        final RecoveryReport restored = report(Jobs.finished().injected(1).restored(1).build(), rows(3, 1));
        final List<KafkaTopics.Record> changes = new ArrayList<>();
        long total = 0;
        for (int v = 1; v <= 20; v++) {
            total += v;
            changes.add(new KafkaTopics.Record(0, changes.size(), "{\"k\":\"all\"}",
                    "{\"k\":\"all\",\"total\":" + total + ",\"numbers\":" + v + "}"));
            if (v == 7) { // the restore: v = 4..7 aggregated again from checkpoint 1 (1..3)
                for (int again = 4; again <= 7; again++) {
                    changes.add(new KafkaTopics.Record(0, changes.size(), "{\"k\":\"all\"}",
                            "{\"k\":\"all\",\"total\":" + again * (again + 1) / 2 + ",\"numbers\":" + again + "}"));
                }
            }
        }

        final ScenarioReport shown = UpsertScenario.judge(UpsertChangelog.of(changes), "totals", restored);
        assertThat(shown.lessonShown()).as(shown.lesson()).isTrue();
        assertThat(shown.lesson()).contains("totals holds 24 records for 20 numbers, 4 of them a value the key had had before",
                "{\"k\":\"all\"} → {\"k\":\"all\",\"total\":210,\"numbers\":20}");
        final ScenarioReport noRepeats = UpsertScenario.judge(UpsertChangelog.of(changes.subList(0, 7)), "totals", restored);
        assertThat(noRepeats.lessonShown()).isFalse();
        assertThat(noRepeats.lesson()).contains("NOT SHOWN: expected recovery proven, totals written again after the restore");
    }

    /** One key's rows for 1..20: the first {@code firstAttemptRows} from attempt 0, the rest from {@code later}. */
    private static List<SumRow> rows(int firstAttemptRows, int later) {
        return Rows.restarted(INPUT, firstAttemptRows, later);
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
