package com.example.checkpointdemo.timeline;

import com.example.checkpointdemo.report.JobFacts;
import com.example.checkpointdemo.report.JobWatcher;
import com.example.checkpointdemo.report.RestoredState;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.SumRow;

import javax.annotation.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The story of a run on one time axis, built from the run's own data: each row the function
 * processed (from the print sink) at its processing time, committed or thrown away by a restore
 * (the file sink's committed rows tell); each checkpoint from trigger to completion (REST history);
 * each failure (the exception history), the restart delay, and each restore (what the watcher saw
 * over REST), with the sum it resumed from. Times are epoch milliseconds.
 */
public record Timeline(String title, String verdict, boolean ok, long origin, long end, List<Job> jobs) {

    /** One job: its attempts' rows, its checkpoints, failures, restart delays and restores. */
    public record Job(
            String jobId,
            String label,
            String status,
            long start,
            long end,
            List<Integer> attempts,
            List<Row> rows,
            List<Checkpoint> checkpoints,
            List<Failure> failures,
            List<Delay> delays,
            List<Restore> restores) {}

    /** A processed row; {@code committed} false when the restore threw it away. */
    public record Row(String key, long v, long runningSum, int attempt, long at, boolean committed) {}

    /** A checkpoint from trigger to completion (or failure); the last row it covered, if any. */
    public record Checkpoint(
            long id, boolean completed, boolean savepoint, long triggeredAt, long endedAt,
            @Nullable Row lastRowCovered, @Nullable String failure) {}

    /** A failure on {@code attempt}, at {@code at}. */
    public record Failure(long at, int attempt, String cause, boolean injected) {}

    /** The restart delay: from a failure to the job running again. */
    public record Delay(long from, long to) {}

    /**
     * A restore of checkpoint {@code checkpointId} (of job {@code fromJob}, which may be an earlier
     * job) at {@code at}, into {@code attempt}, whose first row is {@code firstRow}; {@code
     * resumedSum} is what the restored state held for the keys that attempt processed.
     */
    public record Restore(
            long checkpointId, String fromJob, long at, int attempt, @Nullable Row firstRow,
            @Nullable Long resumedSum, boolean savepoint) {}

    /**
     * The timeline of {@code runs} (one job, or two when the second resumed the first), ending with
     * the report's {@code verdictLine}.
     */
    public static Timeline of(String title, List<RunEvidence> runs, String verdictLine, boolean ok) {
        final List<Job> jobs = new ArrayList<>();
        final Map<String, List<Checkpoint>> checkpointsByJob = new HashMap<>();
        for (RunEvidence run : runs) {
            final Job job = job(run, checkpointsByJob);
            jobs.add(job);
            checkpointsByJob.put(job.jobId(), job.checkpoints());
        }
        final long origin = jobs.stream().mapToLong(Job::start).min().orElse(0);
        final long end = jobs.stream().mapToLong(Job::end).max().orElse(origin);
        return new Timeline(title, verdictLine, ok, origin, Math.max(end, origin + 1), jobs);
    }

    private static Job job(RunEvidence run, Map<String, List<Checkpoint>> earlierJobs) {
        final JobFacts facts = run.job();
        final List<Row> rows = rows(run);
        final TreeSet<Integer> attempts = new TreeSet<>();
        rows.forEach(row -> attempts.add(row.attempt()));
        for (int attempt = 0; attempt <= facts.restarts(); attempt++) {
            attempts.add(attempt);
        }
        final List<Failure> failures = new ArrayList<>();
        for (JobFacts.Failure f : facts.failures()) {
            // Each failure ends the attempt running then; the next one starts after the restart.
            failures.add(new Failure(f.timestamp(), failures.size(), JobWatcher.shortName(f.cause()), f.injected()));
        }
        final List<Checkpoint> checkpoints = new ArrayList<>();
        for (JobFacts.Checkpoint c : facts.checkpoints()) {
            if ("IN_PROGRESS".equals(c.status())) {
                continue;
            }
            final long endedAt = c.completedAt() != null ? c.completedAt() : failureTime(facts, c.triggeredAt());
            checkpoints.add(new Checkpoint(c.id(), c.completed(), c.savepoint(), c.triggeredAt(), endedAt,
                    c.completed() ? lastRowBefore(rows, attemptRunning(failures, c.triggeredAt()), endedAt) : null,
                    c.failure()));
        }
        final List<Delay> delays = new ArrayList<>();
        for (Failure failure : failures) {
            final long runningAgain = run.transitions().stream()
                    .filter(t -> "RUNNING".equals(t.state()) && t.at() > failure.at())
                    .mapToLong(JobWatcher.Transition::at)
                    .min()
                    .orElse(-1);
            if (runningAgain > 0) {
                delays.add(new Delay(failure.at(), runningAgain));
            }
        }
        final long start = Math.min(facts.startTime(), rows.stream().mapToLong(Row::at).min().orElse(facts.startTime()));
        final long end = Math.max(facts.endTime(), rows.stream().mapToLong(Row::at).max().orElse(facts.endTime()));
        return new Job(facts.jobId(), facts.name().isEmpty() ? facts.jobId() : facts.name(), facts.status(), start, end,
                List.copyOf(attempts), rows, checkpoints, failures, delays,
                restores(run, rows, checkpoints, earlierJobs));
    }

    /**
     * The rows the function processed: the print sink's, each marked committed when the file sink
     * committed the same row (same key, value, sum, attempt and processing time). Without a print
     * sink, the committed rows alone.
     */
    static List<Row> rows(RunEvidence run) {
        final Map<List<Object>, Integer> committed = new HashMap<>();
        run.committed().forEach(row -> committed.merge(identity(row), 1, Integer::sum));
        final List<SumRow> processed = run.printed() != null && !run.printed().rows().isEmpty()
                ? run.printed().rows()
                : run.committed();
        final List<Row> rows = new ArrayList<>();
        for (SumRow row : processed) {
            if (row.processedAt() == null) {
                continue;
            }
            final boolean isCommitted = committed.merge(identity(row), -1, Integer::sum) >= 0;
            rows.add(new Row(row.k(), row.v(), row.runningSum(), row.attempt(), row.processedAt().toEpochMilli(), isCommitted));
        }
        rows.sort(Comparator.comparingLong(Row::at));
        return rows;
    }

    private static List<Object> identity(SumRow row) {
        return List.of(row.k(), row.v(), row.runningSum(), row.attempt(),
                Objects.requireNonNullElse(row.processedAt(), Instant.EPOCH).toEpochMilli());
    }

    /**
     * The last row of {@code attempt} processed before {@code at}, a checkpoint's completion: with
     * the rows paced before the keyed exchange, the barrier follows the row in flight closely.
     */
    private static @Nullable Row lastRowBefore(List<Row> rows, int attempt, long at) {
        Row last = null;
        for (Row row : rows) {
            if (row.attempt() == attempt && row.at() <= at) {
                last = row;
            }
        }
        return last;
    }

    /** The attempt running at {@code at}: each failure before it started the next one. */
    private static int attemptRunning(List<Failure> failures, long at) {
        return (int) failures.stream().filter(failure -> failure.at() < at).count();
    }

    /** A failed checkpoint ended when the job's failure came (or when it was triggered, if none). */
    private static long failureTime(JobFacts facts, long triggeredAt) {
        return facts.failures().stream()
                .mapToLong(JobFacts.Failure::timestamp)
                .filter(at -> at >= triggeredAt)
                .min()
                .orElse(triggeredAt);
    }

    private static List<Restore> restores(
            RunEvidence run, List<Row> rows, List<Checkpoint> own, Map<String, List<Checkpoint>> earlierJobs) {
        final List<Restore> restores = new ArrayList<>();
        final List<JobFacts.Restore> seen = new ArrayList<>(run.restores());
        if (seen.isEmpty() && run.job().restored() != null) {
            seen.add(run.job().restored());
        }
        for (JobFacts.Restore restore : seen) {
            // The attempt that started from it: the first row processed after the restore.
            final Row first = rows.stream().filter(r -> r.at() >= restore.restoredAt()).findFirst().orElse(null);
            final int attempt = first != null ? first.attempt() : rows.isEmpty() ? 0 : rows.get(rows.size() - 1).attempt();
            final String fromJob = own.stream().anyMatch(c -> c.id() == restore.checkpointId() && !c.savepoint() == !restore.savepoint())
                    ? run.job().jobId()
                    : earlierJobs.entrySet().stream()
                            .filter(e -> e.getValue().stream().anyMatch(c -> c.id() == restore.checkpointId()))
                            .map(Map.Entry::getKey)
                            .findFirst()
                            .orElse(run.job().jobId());
            restores.add(new Restore(restore.checkpointId(), fromJob, restore.restoredAt(), attempt, first,
                    resumedSum(run, rows, attempt, restore), restore.savepoint()));
        }
        return restores;
    }

    /**
     * The sum the attempt resumed from, over the keys it processed: what the checkpoint holds when
     * it was read (the latest restore), else {@code running_sum - v} of each key's first row.
     */
    private static @Nullable Long resumedSum(RunEvidence run, List<Row> rows, int attempt, JobFacts.Restore restore) {
        final Map<String, Long> firstSums = new TreeMap<>();
        for (Row row : rows) {
            if (row.attempt() == attempt) {
                firstSums.putIfAbsent(row.key(), row.runningSum() - row.v());
            }
        }
        if (firstSums.isEmpty()) {
            return null;
        }
        final RestoredState state = run.restoredState();
        if (state != null && state.isRead() && state.checkpointId() == restore.checkpointId()
                && Objects.equals(run.job().restored(), restore)) {
            return firstSums.keySet().stream().mapToLong(state::sumOf).sum();
        }
        return firstSums.values().stream().mapToLong(Long::longValue).sum();
    }
}
