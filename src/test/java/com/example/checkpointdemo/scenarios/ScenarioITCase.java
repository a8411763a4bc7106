package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.report.PrintedRows;
import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.report.Outcome;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.testing.ManualCheckpoint;
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
import java.util.Map;
import java.util.stream.LongStream;

import static com.example.checkpointdemo.testing.Expected.committedRowsIn;
import static com.example.checkpointdemo.testing.Expected.runningSums;
import static com.example.checkpointdemo.testing.Expected.valueAndSum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each lesson, run as bin/demo scenario NAME runs it (in a sandbox), must show what it teaches;
 * each test checks the facts behind the lesson: Flink's REST facts, what the checkpoint holds,
 * and the committed files against sums computed here.
 */
class ScenarioITCase {

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
    void duplicatesArePrintedButNotCommitted() throws Exception {
        // The demo script, its one checkpoint triggered once 4 arrives: it covers 1..3, then 4..7
        // are processed, printed and thrown away by the restore after the failure at 8.
        final Path script = sandbox.manual(Sandbox.demo(), 4);
        final RunEvidence run = workspace.run(script, workspace.runner(com.example.checkpointdemo.runner.Variant.PTF, null)
                .whileRunning(ManualCheckpoint.whenHeld(workspace.cluster(), sandbox.checkpoints(), 4)));
        final PrintedRows printed = run.printed();
        final ScenarioReport report = DuplicatesScenario.judge(run.report(null), printed);

        assertThat(report.lessonShown()).as(report.lesson()).isTrue();
        assertThat(printed.rows().stream().filter(row -> row.attempt() == 0).map(SumRow::v))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(printed.duplicates()).isEqualTo(4);
        assertThat(printed.count()).isEqualTo(24);
        assertThat(run.committed().stream().filter(row -> row.attempt() == 0).map(SumRow::v)).containsExactly(1L, 2L, 3L);
        assertThat(valueAndSum(committedRowsIn(sandbox.output("committed_sums")))).containsExactlyElementsOf(runningSums(ONE_TO_TWENTY));
        assertThat(report.lesson()).startsWith("The print sink wrote 24 rows for 20 committed: v = 4, 5, 6, 7 twice");
    }

    @Test
    void aFailureBeforeAnyCheckpointRestartsFromScratchAndStillEndsAt210() throws Exception {
        final Scenario.Outcome outcome = run("no-checkpoint");
        final RunEvidence run = outcome.runs().get(0);

        // Flink's own timestamps: the failure came before the first checkpoint completed.
        final long failedAt = run.job().lastInjectedFailureAt();
        assertThat(run.job().checkpoints()).filteredOn(JobFacts.Checkpoint::completed)
                .allSatisfy(checkpoint -> assertThat(checkpoint.completedAt()).isGreaterThan(failedAt));
        assertThat(run.job().restored()).isNull();
        assertThat(outcome.report().recovery().outcome()).isEqualTo(Outcome.RESTARTED_FROM_SCRATCH);
        assertThat(run.committed()).extracting(SumRow::attempt).containsOnly(1);
        assertThat(valueAndSum(committedRowsIn(sandbox.output("scenarios/no_checkpoint")))).containsExactlyElementsOf(runningSums(ONE_TO_TWENTY));
        assertThat(outcome.report().recovery().ok()).isFalse();
    }

    @Test
    void aFailedOnceFlagInStateIsRolledBackUntilTheJobFails() throws Exception {
        final Scenario.Outcome outcome = run("state-flag");
        final RunEvidence run = outcome.runs().get(0);

        assertThat(run.job().status()).isEqualTo("FAILED");
        assertThat(run.job().injectedFailures()).containsExactly(
                "com.example.checkpointdemo.functions.InjectedFailure: Injected failure at v=8 on attempt 0",
                "com.example.checkpointdemo.functions.InjectedFailure: Injected failure at v=8 on attempt 1",
                "com.example.checkpointdemo.functions.InjectedFailure: Injected failure at v=8 on attempt 2",
                "com.example.checkpointdemo.functions.InjectedFailure: Injected failure at v=8 on attempt 3");
        // The verdict the report ends with, end to end: the job never finished.
        assertThat(outcome.report().recovery().outcome()).isEqualTo(Outcome.JOB_DID_NOT_FINISH);
        assertThat(outcome.report().recovery().verdictLine()).startsWith("RECOVERY NOT PROVEN (JOB DID NOT FINISH): the job ended"
                + " FAILED after the failure was injected 4 times");
        // What was committed is a correct prefix of the running sums.
        final List<List<Long>> committed = valueAndSum(committedRowsIn(sandbox.output("scenarios/state_flag")));
        assertThat(runningSums(ONE_TO_TWENTY).subList(0, committed.size())).isEqualTo(committed);
    }

    @Test
    void aCancelledJobResumesFromItsRetainedCheckpoint() throws Exception {
        final Scenario.Outcome outcome = run("resume");
        final RunEvidence first = outcome.runs().get(0);
        final RunEvidence second = outcome.runs().get(1);
        final RecoveryReport both = outcome.report().recovery();

        assertThat(first.job().status()).isEqualTo("CANCELED");
        assertThat(second.job().restored().checkpointId()).isEqualTo(outcome.report().retainedCheckpointId());
        // The retained checkpoint holds the sum of what the first job committed, and the second job began there.
        final long committedByFirst = first.committed().stream().mapToLong(SumRow::v).sum();
        assertThat(committedByFirst).isPositive();
        assertThat(both.restoredState()).isEqualTo(Map.of("all", committedByFirst));
        assertThat(second.committed().get(0).runningSum() - second.committed().get(0).v()).isEqualTo(committedByFirst);
        assertThat(valueAndSum(committedRowsIn(sandbox.output("scenarios/resume")))).containsExactlyElementsOf(runningSums(ONE_TO_TWENTY));

        // Once both jobs are judged, the retained checkpoint (and its job's folder) is gone: no run leaves one behind.
        final Path retainedFolder = Path.of(java.net.URI.create(outcome.report().retainedCheckpointPath().replaceFirst("^file:/+", "file:///")));
        assertThat(retainedFolder).doesNotExist();
        assertThat(retainedFolder.getParent()).doesNotExist();
        // bin/demo inspect opens the copy the report kept of it and prints its running sum.
        final String retained = java.nio.file.Path.of(both.restoredStateCopy()).toUri().toString();
        final java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream console = System.out;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        final int exitCode;
        try {
            exitCode = com.example.checkpointdemo.cli.DemoCommand.commandLine().execute("inspect", java.nio.file.Paths.get(java.net.URI.create(retained.replaceFirst("^file:/+", "file:///"))).toString());
        } finally {
            System.setOut(console);
        }
        assertThat(exitCode).isZero();
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("  SumAndFailOnce: all → " + committedByFirst);
        assertThat(both.outcome()).as(both.verdict()).isEqualTo(Outcome.PROVEN);
    }

    @Test
    void everyKeysSumSurvivesARescaleFromTwoToThree() throws Exception {
        final Scenario.Outcome outcome = run("rescale");
        final RunEvidence first = outcome.runs().get(0);
        final RunEvidence second = outcome.runs().get(1);

        assertThat(first.job().parallelism()).isEqualTo(2);
        assertThat(second.job().parallelism()).isEqualTo(3);
        assertThat(second.job().restored().savepoint()).isTrue();
        // Each key's final sum, computed here from the input: k = v % 3.
        assertThat(outcome.report().recovery().finalSumByKey()).isEqualTo(Map.of("0", 63L, "1", 70L, "2", 77L));
        assertThat(committedRowsIn(sandbox.output("scenarios/rescale"))).extracting(SumRow::v)
                .containsExactlyInAnyOrderElementsOf(ONE_TO_TWENTY);
        // The savepoint, read from its files, holds each key's sum of what the first job committed.
        final Map<String, Long> committedByFirst = new java.util.TreeMap<>();
        first.committed().forEach(row -> committedByFirst.merge(row.k(), row.v(), Long::sum));
        assertThat(outcome.report().recovery().restoredState()).isEqualTo(committedByFirst);
        assertThat(outcome.report().recovery().outcome()).isEqualTo(Outcome.PROVEN);
    }

    /**
     * Pinned (Flink 2.3): a state TTL counts processing time, the time a job is down included. The
     * savepoint's files hold the sum; the job restored from it after the TTL reads it as expired.
     */
    @Test
    void aSumWithAStateTtlExpiresWhileTheJobIsDownLongerThanIt() throws Exception {
        final Scenario.Outcome outcome = run("ttl-downtime");
        final RunEvidence first = outcome.runs().get(0);
        final RunEvidence second = outcome.runs().get(1);

        final long committedByFirst = first.committed().stream().mapToLong(SumRow::v).sum();
        assertThat(committedByFirst).isPositive();
        assertThat(second.job().startTime() - first.job().endTime()).isGreaterThan(TtlDowntimeScenario.TTL_MILLIS);
        assertThat(second.job().restored().savepoint()).isTrue();
        // Every later value once, summed from 0: the savepoint's sum was read as expired.
        final List<Long> after = ONE_TO_TWENTY.subList(first.committed().size(), 20);
        assertThat(valueAndSum(second.committed())).containsExactlyElementsOf(runningSums(after));
    }

    /** Pinned (Flink 2.3): a PTF's event-time timer is restored with its state, and fires once after the restore. */
    @Test
    void aTimerSetBeforeTheCheckpointFiresOnceAfterTheRestore() throws Exception {
        final Scenario.Outcome outcome = run("timers");
        final RunEvidence run = outcome.runs().get(0);

        assertThat(TimersScenario.fired(run)).singleElement().satisfies(fired -> {
            assertThat(fired.timer()).isEqualTo(com.example.checkpointdemo.functions.SumWithTimer.TIMER);
            assertThat(fired.attempt()).isEqualTo(1);
        });
        // The first row, which registered the timer, was processed on attempt 0 only.
        assertThat(run.committed()).filteredOn(row -> row.v() == 1).singleElement().extracting(SumRow::attempt).isEqualTo(0);
        assertThat(outcome.report().recovery().outcome()).isEqualTo(Outcome.PROVEN);
        // Pinned: the watermark is not restored. Attempt 0 had one (its rows carry v seconds, the
        // watermark follows them); attempt 1's first row sees none, later rows the new one again.
        final List<TimersScenario.Seen> resumed = TimersScenario.watermarks(run).stream().filter(row -> row.attempt() == 1)
                .sorted(java.util.Comparator.comparingLong(TimersScenario.Seen::v)).toList();
        assertThat(resumed.get(0).watermark()).as("attempt 1's first row, v = " + resumed.get(0).v()).isNull();
        assertThat(resumed.get(resumed.size() - 1).watermark()).isNotNull();
    }

    /** A tumbling event-time window across a restore: each window committed once, with the total of its numbers. */
    @Test
    void eachEventTimeWindowIsCommittedOnceWithItsTotalAcrossARestore() throws Exception {
        final Scenario.Outcome outcome = run("event-time");

        assertThat(EventTimeScenario.windows(outcome.runs().get(0))).extracting(Map.Entry::getKey, Map.Entry::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 10L), org.assertj.core.groups.Tuple.tuple(5L, 35L),
                        org.assertj.core.groups.Tuple.tuple(10L, 60L), org.assertj.core.groups.Tuple.tuple(15L, 85L),
                        org.assertj.core.groups.Tuple.tuple(20L, 20L));
        assertThat(outcome.report().recovery().restoredCheckpointId()).isNotNull();
    }

    /** Over a socket, the rows read after the restored checkpoint are never read again: lost, exactly those. */
    @Test
    void aSourceThatCannotRewindLosesTheRowsReadAfterTheRestoredCheckpoint() throws Exception {
        final Scenario.Outcome outcome = run("source-not-replayable");
        final RecoveryReport report = outcome.report().recovery();

        // The restored state, read from the checkpoint's files, is 1 + 2 + ... + n: it holds the first n numbers.
        final long restored = report.restoredState().get("all");
        final long n = LongStream.rangeClosed(0, 20).filter(i -> i * (i + 1) / 2 == restored).findFirst().orElseThrow();
        assertThat(n).isBetween(1L, 11L);
        // Attempt 1 reads on from what the sender sends next, past the failure at 12: never n + 1 .. 12 again.
        final List<SumRow> resumed = outcome.runs().get(0).committed().stream().filter(row -> row.attempt() == 1).toList();
        assertThat(resumed).isNotEmpty().allMatch(row -> row.v() > 12);
        final long next = resumed.get(0).v();
        assertThat(outcome.runs().get(0).committed()).extracting(SumRow::v).containsExactlyInAnyOrderElementsOf(
                LongStream.concat(LongStream.rangeClosed(1, n), LongStream.rangeClosed(next, 20)).boxed().toList());
        assertThat(report.committedMissing()).isEqualTo((int) (next - 1 - n));
        assertThat(report.outcome()).isNotEqualTo(Outcome.PROVEN);
    }

    /** Unaligned by AT_LEAST_ONCE, the restored sum has counted rows the fast source sends again; aligned, it has not. */
    @Test
    void atLeastOnceCheckpointsCountRowsTwiceThatExactlyOnceCountsOnce() throws Exception {
        final Scenario.Outcome outcome = run("at-least-once");
        final RunEvidence atLeastOnce = outcome.runs().get(0);
        final RunEvidence exactlyOnce = outcome.runs().get(1);

        // Counted twice: odd numbers (the fast source's), processed by attempt 0 before the restored
        // checkpoint was taken and by attempt 1 after it.
        final List<Long> twice = AtLeastOnceScenario.countedTwice(atLeastOnce.committed());
        assertThat(twice).isNotEmpty().allMatch(v -> v % 2 == 1);
        final RecoveryReport unaligned = atLeastOnce.report(null);
        assertThat(unaligned.finalSum()).isEqualTo(210 + twice.stream().mapToLong(Long::longValue).sum());
        assertThat(atLeastOnce.committed()).filteredOn(row -> twice.contains(row.v())).extracting(SumRow::attempt)
                .containsOnly(0, 1);
        // The restored checkpoint's state (read from its files) already counts them.
        assertThat(unaligned.restoredState().get("all")).isGreaterThanOrEqualTo(twice.stream().mapToLong(Long::longValue).sum());

        final RecoveryReport aligned = exactlyOnce.report(null);
        assertThat(aligned.outcome()).isEqualTo(Outcome.PROVEN);
        assertThat(aligned.committedExact()).isTrue();
        assertThat(aligned.finalSum()).isEqualTo(210);
    }

    /** Each part file in progress first, committed once a checkpoint after its rows completed; the restore's rows committed once. */
    @Test
    void eachPartFileIsCommittedByACheckpointTakenAfterItsRows() throws Exception {
        final TwoPhaseCommitScenario.Watched watched = TwoPhaseCommitScenario.watched(workspace, Path.of("sql/scenarios/two_phase_commit.sql"));
        final ScenarioReport report = watched.judge(null);

        // The parts' rows are the committed output, each row in one part only, and exact.
        assertThat(watched.commits().stream().flatMap(c -> c.rows().stream()).toList())
                .containsExactlyInAnyOrderElementsOf(watched.run().committed());
        assertThat(report.recovery().committedExact()).isTrue();
        // Each part but the last: seen in progress before it was committed, and no row in it processed
        // after the checkpoint (Flink's REST timestamps) that completed last before its commit had
        // completed. The last one is committed as the bounded input ends, after its rows.
        final List<TwoPhaseCommitScenario.Commit> commits = watched.commits();
        assertThat(commits).hasSizeGreaterThanOrEqualTo(2);
        assertThat(commits.subList(0, commits.size() - 1)).allSatisfy(commit -> {
            assertThat(commit.inProgressAt()).as(commit.part()).isLessThan(commit.committedAt());
            assertThat(commit.after()).as(commit.part()).isNotNull();
            assertThat(commit.rows()).as(commit.part() + " after " + commit.after()).allMatch(row -> row.processedAt().toEpochMilli() < commit.after().completedAt());
        });
        final TwoPhaseCommitScenario.Commit last = commits.get(commits.size() - 1);
        assertThat(last.asTheInputEnded()).as(last.toString()).isTrue();
        assertThat(report.lessonShown()).as(report.lesson()).isTrue();
        // The rows attempt 0 processed after the restored checkpoint: printed, never committed by it, committed once by attempt 1.
        final List<Long> thrownAway = watched.run().printed().rows().stream().filter(row -> row.attempt() == 0)
                .filter(row -> watched.run().committed().stream().noneMatch(c -> c.v() == row.v() && c.attempt() == 0))
                .map(SumRow::v).toList();
        assertThat(thrownAway).isNotEmpty().allMatch(v -> watched.run().committed().stream().filter(c -> c.v() == v)
                .allMatch(c -> c.attempt() == 1));
    }

    private Scenario.Outcome run(String name) throws Exception {
        final Scenario.Outcome outcome = Scenario.named(name).orElseThrow().run(workspace);
        assertThat(outcome.report().lessonShown()).as(outcome.report().lesson()).isTrue();
        return outcome;
    }
}
