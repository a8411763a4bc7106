package com.example.checkpointdemo.report;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks committed rows against the input: every input value exactly once, and per key a running
 * sum that adds up row by row. Also reads off the sums the output implies the state held when the
 * last attempt resumed: its first row of each key says {@code running_sum - v}; and how many rows
 * came before those first rows (with an exactly-once sink, only a completed checkpoint commits
 * rows, so those are the rows the restored checkpoint covered).
 */
public record OutputCheck(
        int rows,
        int duplicates,
        int missing,
        int unexpected,
        int chainBreaks,
        Map<String, Long> finalSumByKey,
        int resumeAttempt,
        Map<String, Long> resumedSums,
        int rowsBeforeResume,
        Map<Integer, Integer> rowsByAttempt,
        List<String> problems) {

    /** At most this many problems are listed; the rest are counted. */
    static final int MAX_PROBLEMS = 5;

    /** Each input value committed exactly once, with running sums that add up. */
    public boolean exact() {
        return duplicates == 0 && missing == 0 && unexpected == 0 && chainBreaks == 0;
    }

    /** What was committed is right, even if not everything was committed (a job that failed). */
    public boolean nothingWrongCommitted() {
        return duplicates == 0 && unexpected == 0 && chainBreaks == 0;
    }

    /** The last running sum of every key, added up; null when nothing was committed. */
    @Nullable
    public Long finalSum() {
        return finalSumByKey.isEmpty() ? null : finalSumByKey.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The sum over keys of {@link #resumedSums}; null when no attempt after the first committed a row. */
    @Nullable
    public Long resumedSum() {
        return resumeAttempt == 0 ? null : resumedSums.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * {@code rows} with their attempts counted on across leading JobManagers: a new leader recovers
     * the job and numbers its attempts from 0 again, so where, in the order the rows were processed,
     * the attempt goes down, a new leader's rows begin, and they are counted on from the last attempt
     * before them. Rows without a processing time stay as they are.
     */
    public static List<SumRow> attemptsAcrossLeaders(List<SumRow> rows) {
        if (rows.stream().anyMatch(row -> row.processedAt() == null)) {
            return rows;
        }
        final Map<SumRow, Integer> counted = new java.util.IdentityHashMap<>();
        int offset = 0;
        int lastFlink = -1;
        int lastCounted = -1;
        for (SumRow row : rows.stream().sorted(java.util.Comparator.comparing(SumRow::processedAt)).toList()) {
            if (row.attempt() < lastFlink) {
                offset = lastCounted + 1 - row.attempt();
            }
            lastFlink = row.attempt();
            lastCounted = row.attempt() + offset;
            counted.put(row, lastCounted);
        }
        return rows.stream().map(row -> row.withAttempt(counted.get(row))).toList();
    }

    /** Checks {@code rows} (in commit order) against the input values (in file order). */
    public static OutputCheck of(List<SumRow> rows, List<Long> inputValues) {
        final List<String> problems = new ArrayList<>();
        final Map<Long, Integer> inInput = new HashMap<>();
        inputValues.forEach(v -> inInput.merge(v, 1, Integer::sum));
        final Map<Long, Integer> committed = new HashMap<>();
        final Set<SumRow> seen = new HashSet<>();
        int duplicates = 0;
        int unexpected = 0;
        int chainBreaks = 0;
        final Map<String, Long> lastSum = new TreeMap<>();
        final Map<String, Integer> rowsOfKey = new HashMap<>();
        final Map<String, Long> resumed = new TreeMap<>();
        int rowsBeforeResume = 0;
        final int resumeAttempt = rows.stream().mapToInt(SumRow::attempt).max().orElse(0);
        final Map<Integer, Integer> byAttempt = new TreeMap<>();

        for (SumRow row : rows) {
            byAttempt.merge(row.attempt(), 1, Integer::sum);
            // A value the input has n times may be committed n times (3, -3, 3 gives the row
            // (3, 3) twice); a copy beyond that repeating an earlier (k, v, sum) is a replay
            // committed twice, anything else is a row the input never asked for.
            final boolean repeat = !seen.add(new SumRow(row.k(), row.v(), row.runningSum(), 0));
            if (committed.merge(row.v(), 1, Integer::sum) > inInput.getOrDefault(row.v(), 0)) {
                if (repeat) {
                    duplicates++;
                    problems.add("duplicate: " + describe(row));
                } else {
                    unexpected++;
                    problems.add("unexpected: " + describe(row) + ", beyond the input's v=" + row.v());
                }
            }
            final long before = lastSum.getOrDefault(row.k(), 0L);
            if (row.runningSum() != before + row.v()) {
                chainBreaks++;
                problems.add(
                        String.format(
                                "k=%s: running_sum %d after v=%d, expected %d + %d = %d",
                                row.k(), row.runningSum(), row.v(), before, row.v(), before + row.v()));
            }
            if (resumeAttempt > 0 && row.attempt() == resumeAttempt && !resumed.containsKey(row.k())) {
                resumed.put(row.k(), row.sumBefore());
                rowsBeforeResume += rowsOfKey.getOrDefault(row.k(), 0);
            }
            rowsOfKey.merge(row.k(), 1, Integer::sum);
            lastSum.put(row.k(), row.runningSum());
        }

        int missing = 0;
        for (Map.Entry<Long, Integer> entry : inInput.entrySet()) {
            final int count = entry.getValue() - committed.getOrDefault(entry.getKey(), 0);
            if (count > 0) {
                missing += count;
                problems.add("missing: v=" + entry.getKey() + (count > 1 ? " (" + count + " times)" : ""));
            }
        }

        final List<String> listed = new ArrayList<>(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)));
        if (problems.size() > MAX_PROBLEMS) {
            listed.add("... and " + (problems.size() - MAX_PROBLEMS) + " more");
        }
        return new OutputCheck(
                rows.size(),
                duplicates,
                missing,
                unexpected,
                chainBreaks,
                lastSum,
                resumeAttempt,
                resumed,
                rowsBeforeResume,
                byAttempt,
                listed);
    }

    private static String describe(SumRow row) {
        return String.format(
                "k=%s v=%d running_sum=%d (attempt %d)", row.k(), row.v(), row.runningSum(), row.attempt());
    }
}
