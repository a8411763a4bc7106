package com.example.checkpointdemo.report;

import com.example.checkpointdemo.functions.RunningSum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the rejects sink against the input: every bad line kept once with its reason, and every
 * value rejected by the running sum truly overflowing it. Those values are taken out of what the
 * committed output must hold.
 */
public record RejectCheck(int rows, List<Long> overflowed, List<String> problems) {

    private static final Pattern OVERFLOW = Pattern.compile("running_sum (-?\\d+) \\+ (-?\\d+) overflows BIGINT");

    /** Every bad line kept exactly once, and nothing else rejected without cause. */
    public boolean exact() {
        return problems.isEmpty();
    }

    /** The input values the committed output must hold: all but those rejected for overflow. */
    public List<Long> committable(List<Long> inputValues) {
        final List<Long> values = new ArrayList<>(inputValues);
        overflowed.forEach(values::remove);
        return values;
    }

    /** Checks the rows of the rejects sink against the lines of the input. */
    public static RejectCheck of(List<RejectRow> rejects, InputValues input) {
        final List<String> problems = new ArrayList<>();
        final List<Long> overflowed = new ArrayList<>();
        final Map<String, Integer> expected = new HashMap<>();
        input.badLines().forEach(line -> expected.merge(key(line.raw(), line.reason()), 1, Integer::sum));
        final Map<Long, Integer> unrejected = new HashMap<>();
        input.values().forEach(v -> unrejected.merge(v, 1, Integer::sum));
        for (RejectRow reject : rejects) {
            final Matcher overflow = OVERFLOW.matcher(reject.reason());
            if (overflow.matches()) {
                final long sum = Long.parseLong(overflow.group(1));
                final long v = Long.parseLong(overflow.group(2));
                if (RunningSum.rejection(sum, v) == null || !reject.line().equals(String.valueOf(v))) {
                    problems.add("rejected without cause: " + reject.line() + " (" + reject.reason() + ")");
                }
                if (unrejected.merge(v, -1, Integer::sum) < 0) {
                    problems.add("rejected more often than the input has it: " + reject.line() + " (" + reject.reason() + ")");
                }
                overflowed.add(v);
            } else if (expected.merge(key(reject.line(), reject.reason()), -1, Integer::sum) < 0) {
                problems.add("rejected but not a bad line, or rejected twice: '" + reject.line() + "' (" + reject.reason() + ")");
            }
        }
        // What is left expected was not kept: name the first lines of each kind.
        for (InputValues.BadLine line : input.badLines()) {
            final String key = key(line.raw(), line.reason());
            if (expected.getOrDefault(key, 0) > 0) {
                expected.merge(key, -1, Integer::sum);
                problems.add("bad line " + line.number() + " not kept: '" + line.raw() + "' (" + line.reason() + ")");
            }
        }
        return new RejectCheck(rejects.size(), overflowed, problems);
    }

    private static String key(String raw, String reason) {
        return raw + "\u0000" + reason;
    }
}
