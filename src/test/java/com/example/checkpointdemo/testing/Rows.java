package com.example.checkpointdemo.testing;

import com.example.checkpointdemo.report.SumRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Committed rows as a real run of {@link Jobs}' timings commits them: one key, each row with the
 * time the function processed it, so that a restore can be matched to the attempt that followed it.
 */
public final class Rows {

    /** When a {@link Jobs} job restores: after its failures, at 1000 ms, 2000 ms. */
    public static final long RESTORED_AT = 3000;

    private Rows() {}

    /**
     * The rows of {@code values}: the first {@code firstAttemptRows} processed by attempt 0 before
     * the first failure (from 100 ms on), the rest by attempt {@code later} after the restore.
     */
    public static List<SumRow> restarted(List<Long> values, int firstAttemptRows, int later) {
        final List<SumRow> rows = new ArrayList<>(processed(values.subList(0, firstAttemptRows), 0, 0, 100));
        final long sum = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).runningSum();
        rows.addAll(processed(values.subList(firstAttemptRows, values.size()), sum, later, RESTORED_AT + 100));
        return rows;
    }

    /** {@code values} processed by {@code attempt} from {@code fromMillis} on, one a millisecond, the sum going on from {@code sumBefore}. */
    public static List<SumRow> processed(List<Long> values, long sumBefore, int attempt, long fromMillis) {
        final List<SumRow> rows = new ArrayList<>();
        long sum = sumBefore;
        for (long v : values) {
            sum += v;
            rows.add(new SumRow("all", v, sum, attempt, Instant.ofEpochMilli(fromMillis + rows.size())));
        }
        return rows;
    }
}
