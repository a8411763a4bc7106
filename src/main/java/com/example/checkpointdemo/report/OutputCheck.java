package com.example.checkpointdemo.report;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks committed rows against the input: every input value exactly once, and per key a running
 * sum that adds up row by row. Also reads off the sum the state held when the restarted attempt
 * resumed: the first row of attempt 1 or later says {@code running_sum - v}.
 */
public record OutputCheck(
        int rows,
        int duplicates,
        int missing,
        int unexpected,
        int chainBreaks,
        Map<String, Long> finalSumByKey,
        @Nullable Long resumedSum,
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

    /** Checks {@code rows} (in commit order) against the input values (in file order). */
    public static OutputCheck of(List<SumRow> rows, List<Long> inputValues) {
        final List<String> problems = new ArrayList<>();
        final Set<SumRow> seen = new HashSet<>();
        int duplicates = 0;
        int chainBreaks = 0;
        final Map<String, Long> lastSum = new TreeMap<>();
        final Map<String, Long> resumed = new LinkedHashMap<>();
        final Map<Integer, Integer> byAttempt = new TreeMap<>();

        for (SumRow row : rows) {
            byAttempt.merge(row.attempt(), 1, Integer::sum);
            // The attempt column differs for a replayed row; the same (k, v, sum) twice is a duplicate.
            if (!seen.add(new SumRow(row.k(), row.v(), row.runningSum(), 0))) {
                duplicates++;
                problems.add("duplicate: " + describe(row));
            }
            final long before = lastSum.getOrDefault(row.k(), 0L);
            if (row.runningSum() != before + row.v()) {
                chainBreaks++;
                problems.add(
                        String.format(
                                "k=%s: running_sum %d after v=%d, expected %d + %d = %d",
                                row.k(), row.runningSum(), row.v(), before, row.v(), before + row.v()));
            }
            if (row.attempt() > 0 && !resumed.containsKey(row.k())) {
                resumed.put(row.k(), row.runningSum() - row.v());
            }
            lastSum.put(row.k(), row.runningSum());
        }

        final Map<Long, Integer> balance = new HashMap<>();
        inputValues.forEach(v -> balance.merge(v, 1, Integer::sum));
        rows.forEach(row -> balance.merge(row.v(), -1, Integer::sum));
        int missing = 0;
        int unexpected = 0;
        for (Map.Entry<Long, Integer> entry : balance.entrySet()) {
            final int count = entry.getValue();
            if (count > 0) {
                missing += count;
                problems.add("missing: v=" + entry.getKey() + (count > 1 ? " (" + count + " times)" : ""));
            } else if (count < 0) {
                unexpected -= count;
                problems.add("v=" + entry.getKey() + " committed " + -count + " more time(s) than the input has it");
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
                resumed.isEmpty() ? null : resumed.values().stream().mapToLong(Long::longValue).sum(),
                byAttempt,
                listed);
    }

    private static String describe(SumRow row) {
        return String.format(
                "k=%s v=%d running_sum=%d (attempt %d)", row.k(), row.v(), row.runningSum(), row.attempt());
    }
}
