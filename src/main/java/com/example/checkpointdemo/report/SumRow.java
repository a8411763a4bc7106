package com.example.checkpointdemo.report;

import javax.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * One output row of the demo: key, input value, running sum after it, the attempt that emitted
 * it and when the function processed it (null where a sink does not keep {@code processed_at}).
 */
public record SumRow(String k, long v, long runningSum, int attempt, @Nullable Instant processedAt) {

    /** The columns of a running-sum sink, in this order: what the verification reads. */
    public static final List<String> COLUMNS = List.of("k", "v", "running_sum", "attempt");

    /** A row without its processing time. */
    public SumRow(String k, long v, long runningSum, int attempt) {
        this(k, v, runningSum, attempt, null);
    }

    /** The same row as emitted by {@code attempt}. */
    public SumRow withAttempt(int attempt) {
        return new SumRow(k, v, runningSum, attempt, processedAt);
    }

    /**
     * Whether a job that started at {@code startMillis} may have processed this row: not when it was
     * processed before, by an earlier job whose savepoint held it uncommitted (unknown: assumed so).
     */
    public boolean processedSince(long startMillis) {
        return processedAt == null || processedAt.toEpochMilli() >= startMillis;
    }

    /** The sum the key's state held before this row: {@code running_sum - v}. */
    public long sumBefore() {
        return runningSum - v;
    }
}
