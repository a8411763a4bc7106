package com.example.checkpointdemo.timeline;

import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.evidence.JobWatcher;
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
import java.util.TreeSet;

/**
 * The story of a run on one time axis, each mark from a named source: each row the function
 * processed (function output: the print sink's rows, at the function's processing time), committed
 * or thrown away by a restore (the file sink's committed rows tell); each checkpoint from trigger to
 * completion (REST history); each failure (REST exception history), the restart delay, and each
 * restore (REST), with what the restored checkpoint holds (its own files) and the rows that state
 * stands for. Times are epoch milliseconds; the axis starts near the first event, not at the job's
 * submission, which comes seconds before its first row.
 */
public record Timeline(String title, String verdict, boolean ok, long origin, long end, List<Job> jobs) {

    /** Room before the first event, on the axis. */
    static final long LEAD_MILLIS = 400;

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

    /**
     * A processed row; {@code committed} false when the restore threw it away; {@code heldBy} the
     * restored checkpoint whose state stands for it (null: none known).
     */
    public record Row(String key, long v, long runningSum, int attempt, long at, boolean committed, @Nullable Long heldBy) {

        Row held(long checkpointId) {
            return new Row(key, v, runningSum, attempt, at, committed, checkpointId);
        }
    }

    /**
     * A checkpoint from trigger to completion (or failure); {@code held}: the running sums its own
     * files hold, for the restored checkpoint (null for the others, which are not read).
     */
    public record Checkpoint(
            long id, boolean completed, boolean savepoint, long triggeredAt, long endedAt,
            @Nullable Map<String, Long> held, @Nullable String failure) {}

    /** A failure on {@code attempt}, at {@code at}. */
    public record Failure(long at, int attempt, String cause, boolean injected) {}

    /** The restart delay: from a failure to the job running again. */
    public record Delay(long from, long to) {}

    /**
     * A restore of {@code what} ({@code checkpoint 2}, of job {@code fromJob}, which may be an
     * earlier job) at {@code at}, into {@code attempt}, whose first row is {@code firstRow}; {@code
     * heldSum} is what the checkpoint's own files hold for the keys that attempt processed, null
     * when they were not read (the arrow then shows no number: the output's would be a guess).
     */
    public record Restore(
            long checkpointId, String what, String fromJob, long at, int attempt, @Nullable Row firstRow,
            @Nullable Long heldSum, boolean savepoint) {}

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
        final long origin = jobs.stream().mapToLong(Timeline::firstEvent).min().orElse(0) - LEAD_MILLIS;
        final long end = jobs.stream().mapToLong(Job::end).max().orElse(origin);
        return new Timeline(title, verdictLine, ok, origin, Math.max(end, origin + 1), jobs);
    }

    /** The job's first row, checkpoint or failure; its start when it has none. */
    static long firstEvent(Job job) {
        final java.util.stream.LongStream events = java.util.stream.LongStream.concat(
                java.util.stream.LongStream.concat(job.rows().stream().mapToLong(Row::at),
                        job.checkpoints().stream().mapToLong(Checkpoint::triggeredAt)),
                job.failures().stream().mapToLong(Failure::at));
        return events.min().orElse(job.start());
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
        final RestoredState state = run.restoredState();
        final List<Checkpoint> checkpoints = new ArrayList<>();
        for (JobFacts.Checkpoint c : facts.checkpoints()) {
            if ("IN_PROGRESS".equals(c.status())) {
                continue;
            }
            final long endedAt = c.completedAt() != null ? c.completedAt() : failureTime(facts, c.triggeredAt());
            final boolean restored = state != null && state.isRead() && state.checkpointId() == c.id()
                    && Objects.equals(c.path(), state.path()) && c.completed();
            checkpoints.add(new Checkpoint(c.id(), c.completed(), c.savepoint(), c.triggeredAt(), endedAt,
                    restored ? state.sums() : null, c.failure()));
        }
        checkpoints.stream().filter(c -> c.held() != null).forEach(c -> markHeld(rows, c));
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
            rows.add(new Row(row.k(), row.v(), row.runningSum(), row.attempt(), row.processedAt().toEpochMilli(), isCommitted, null));
        }
        rows.sort(Comparator.comparingLong(Row::at));
        return rows;
    }

    private static List<Object> identity(SumRow row) {
        return List.of(row.k(), row.v(), row.runningSum(), row.attempt(),
                Objects.requireNonNullElse(row.processedAt(), Instant.EPOCH).toEpochMilli());
    }

    /**
     * Marks the rows the checkpoint's state stands for, from that state alone: for each key, the
     * running sum the checkpoint holds names the row that reached it, the last one processed before
     * the checkpoint completed; that row and the key's rows before it on its lane (and the rows of
     * earlier attempts that were committed) are held. A sum no row reached marks nothing.
     */
    static void markHeld(List<Row> rows, Checkpoint checkpoint) {
        for (Map.Entry<String, Long> held : checkpoint.held().entrySet()) {
            Row last = null;
            for (Row row : rows) {
                if (row.key().equals(held.getKey()) && row.runningSum() == held.getValue() && row.at() <= checkpoint.endedAt()) {
                    last = row;
                }
            }
            if (last == null) {
                continue;
            }
            for (int i = 0; i < rows.size(); i++) {
                final Row row = rows.get(i);
                final boolean before = row.key().equals(last.key()) && row.at() <= last.at()
                        && (row.attempt() == last.attempt() || row.attempt() < last.attempt() && row.committed());
                if (before) {
                    rows.set(i, row.held(checkpoint.id()));
                }
            }
        }
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
            restores.add(new Restore(restore.checkpointId(), restore.describe(), fromJob, restore.restoredAt(), attempt, first,
                    heldSum(run, rows, attempt, restore), restore.savepoint()));
        }
        return restores;
    }

    /**
     * What the restored checkpoint's own files hold for the keys the attempt processed (a key it
     * holds nothing for starts at 0); null when its state was not read, or for an earlier restore,
     * whose checkpoint the report did not read.
     */
    private static @Nullable Long heldSum(RunEvidence run, List<Row> rows, int attempt, JobFacts.Restore restore) {
        final RestoredState state = run.restoredState();
        if (state == null || !state.isRead() || !Objects.equals(run.job().restored(), restore)) {
            return null;
        }
        return rows.stream().filter(row -> row.attempt() == attempt).map(Row::key).distinct()
                .mapToLong(key -> Objects.requireNonNullElse(state.sumOf(key), 0L))
                .sum();
    }
}
