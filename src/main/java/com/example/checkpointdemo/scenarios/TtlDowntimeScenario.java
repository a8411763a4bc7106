package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.functions.SumWithTtl;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.report.Workspace;

import org.apache.flink.util.TimeUtils;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code ttl-downtime}: a running sum kept with a state TTL ({@link SumWithTtl}), the job stopped
 * with a savepoint, down longer than the TTL, and started again from the savepoint. Flink 2.3's
 * state TTL counts processing time, the downtime included: the restarted job reads the sum the
 * savepoint holds as expired, and goes on from 0.
 */
final class TtlDowntimeScenario implements Scenario {

    /** The TTL, and how much longer than it the job stays down (a clear margin, not a race). */
    static final long TTL_MILLIS = TimeUtils.parseDuration(SumWithTtl.TTL).toMillis();
    private static final long MARGIN_MILLIS = 1_000;

    @Override
    public String name() {
        return "ttl-downtime";
    }

    @Override
    public Path script() {
        return Path.of("sql/scenarios/ttl_downtime.sql");
    }

    @Override
    public Outcome run(Workspace workspace) throws InterruptedException {
        final Runs.Stopped first = Runs.stopped(workspace, script(), Runs.STOP_WITH_SAVEPOINT);
        final long stoppedAt = first.run().job().endTime();
        // The downtime is the lesson: the job stays down until the TTL has passed since its last write.
        final long downUntil = stoppedAt + TTL_MILLIS + MARGIN_MILLIS;
        while (System.currentTimeMillis() < downUntil) {
            Thread.sleep(Math.max(1, downUntil - System.currentTimeMillis()));
        }
        final RunEvidence second = Runs.resumed(workspace, script(), first.at(), Map.of());
        final long down = second.job().startTime() - stoppedAt;
        final RecoveryReport both = Runs.acrossBoth(new Runs.TwoRuns(first.run(), second, first.at()), workspace.timeline().toString());
        return new Outcome(judge(first.run().committed(), second, down, both), List.of(first.run(), second));
    }

    /** Shown when the savepoint held a sum, the job was down longer than the TTL, and the resumed job's first row began at 0. */
    static ScenarioReport judge(List<SumRow> firstCommitted, RunEvidence second, long downMillis, RecoveryReport both) {
        final long held = firstCommitted.stream().mapToLong(SumRow::runningSum).max().orElse(0);
        final @Nullable SumRow resumed = second.committed().stream().min(Comparator.comparingLong(SumRow::v)).orElse(null);
        final @Nullable Long resumedFrom = resumed == null ? null : resumed.runningSum() - resumed.v();
        final boolean shown = held > 0 && second.job().restored() != null && downMillis > TTL_MILLIS
                && resumedFrom != null && resumedFrom == 0 && "FINISHED".equals(second.job().status());
        final String lesson = Text.format(
                "The first job was stopped with a savepoint once it had committed rows; its last committed sum, %d, is"
                        + " what the savepoint holds. The job was down %.1f s, longer than the state's TTL (%s). The"
                        + " second job restored the savepoint, yet its first row resumed from running_sum %s: Flink's"
                        + " state TTL counts processing time from a value's last write, and the time a job is down"
                        + " counts too, so the sum was read as expired. A TTL suits state that may go; a sum that must"
                        + " survive a stop needs none (ttl = \"0\").%s",
                held, downMillis / 1000.0, SumWithTtl.TTL, resumedFrom == null ? "?" : resumedFrom,
                shown ? "" : Text.of(" NOT SHOWN: expected a savepoint holding a sum, a downtime longer than the TTL, and a"
                        + " resumed job whose first row began at 0."));
        return ScenarioReport.of("ttl-downtime", shown, lesson, both);
    }
}
