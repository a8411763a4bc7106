package com.example.checkpointdemo.report;

import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.plumbing.Text;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One restore of one job of a chain, set against the attempt that followed it: what the restored
 * checkpoint holds (read from its files) and what that attempt resumed from (each key's {@code
 * running_sum - v} of its first committed row). {@code attempt} is Flink's number for it within its
 * job; null when the attempt committed no row, so that nothing shows what it resumed from.
 * {@code rowsBefore}: for each key, the committed rows of it, across the chain, before its resumed one.
 */
public record Resumption(
        int job,
        int jobs,
        String jobId,
        JobFacts.Restore restore,
        @Nullable RestoredState state,
        @Nullable Integer attempt,
        Map<String, Long> resumedSums,
        Map<String, Integer> rowsBefore) {

    /** The committed rows, over all keys, before the resumed ones. */
    public int rowsBeforeResume() {
        return rowsBefore.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Whether the attempt after the restore committed a row to compare the state with. */
    public boolean compared() {
        return attempt != null;
    }

    /** {@code checkpoint 2}, or in a chain {@code checkpoint 2 (job 1 of 2)}. */
    public String describe() {
        return restore.describe() + (jobs > 1 ? Text.format(" (job %d of %d)", job + 1, jobs) : "");
    }

    /**
     * Every restore of every job of {@code jobs} (in order), each against the attempt that followed
     * it. Where every row carries its processing time, that attempt is the one whose row was processed
     * first after the restore and before the job's next restore or failure: attempts are Flink's own,
     * counted per job and from 0 again by a new leading JobManager. Rows without a processing time
     * fall back to Flink's numbering: the attempt after a restore is the number of the job's failures
     * before it.
     */
    static List<Resumption> of(List<Verdict.Job> jobs) {
        // For each committed row, how many rows of its key the chain committed before it.
        final Map<SumRow, Integer> keyRowsBefore = new IdentityHashMap<>();
        final Map<String, Integer> rowsOfKey = new HashMap<>();
        jobs.forEach(job -> job.rows().forEach(row -> keyRowsBefore.put(row, rowsOfKey.merge(row.k(), 1, Integer::sum) - 1)));
        final List<Resumption> all = new ArrayList<>();
        for (int j = 0; j < jobs.size(); j++) {
            final Verdict.Job job = jobs.get(j);
            final List<JobFacts.Restore> restores = job.restores().stream()
                    .sorted(Comparator.comparingLong(JobFacts.Restore::restoredAt)).toList();
            final boolean timed = !job.rows().isEmpty() && job.rows().stream().allMatch(row -> row.processedAt() != null);
            for (int i = 0; i < restores.size(); i++) {
                final JobFacts.Restore restore = restores.get(i);
                final long nextRestore = i + 1 < restores.size() ? restores.get(i + 1).restoredAt() : Long.MAX_VALUE;
                final List<SumRow> after = timed ? timedAfter(job, restore.restoredAt(), nextRestore) : numberedAfter(job, restore.restoredAt());
                final Map<String, Long> resumed = new LinkedHashMap<>();
                final Map<String, Integer> rowsBefore = new LinkedHashMap<>();
                for (SumRow row : after) {
                    if (!resumed.containsKey(row.k())) {
                        resumed.put(row.k(), row.sumBefore());
                        rowsBefore.put(row.k(), keyRowsBefore.get(row));
                    }
                }
                all.add(new Resumption(j, jobs.size(), job.facts().jobId(), restore, job.stateOf(restore),
                        after.isEmpty() ? null : after.get(0).attempt(), resumed, rowsBefore));
            }
        }
        return all;
    }

    /**
     * The rows of the attempt processed first after {@code restoredAt}, and before the next restore
     * and the job's next failure (an attempt that committed nothing leaves no rows here: the next
     * attempt's come after its failure).
     */
    private static List<SumRow> timedAfter(Verdict.Job job, long restoredAt, long nextRestore) {
        final long end = Math.min(nextRestore, job.facts().failures().stream().mapToLong(JobFacts.Failure::timestamp)
                .filter(at -> at > restoredAt).min().orElse(Long.MAX_VALUE));
        final List<SumRow> window = job.rows().stream().filter(row -> {
            final long at = row.processedAt().toEpochMilli();
            return at >= restoredAt && at < end;
        }).toList();
        if (window.isEmpty()) {
            return List.of();
        }
        final int attempt = window.stream().min(Comparator.comparing(SumRow::processedAt)).orElseThrow().attempt();
        return window.stream().filter(row -> row.attempt() == attempt).toList();
    }

    /** The rows of the attempt Flink numbers after {@code restoredAt}: one more for each failure before it. */
    private static List<SumRow> numberedAfter(Verdict.Job job, long restoredAt) {
        final long attempt = job.facts().failures().stream().filter(failure -> failure.timestamp() < restoredAt).count();
        return job.rows().stream().filter(row -> row.attempt() == attempt).toList();
    }
}
