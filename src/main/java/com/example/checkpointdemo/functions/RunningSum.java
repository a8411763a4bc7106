package com.example.checkpointdemo.functions;

import javax.annotation.Nullable;

/**
 * The arithmetic every variant shares: a BIGINT running sum that rejects what it cannot add (a
 * NULL, or a value that would overflow it) instead of wrapping around or failing the job on
 * every attempt.
 */
public final class RunningSum {

    private RunningSum() {}

    /** Why {@code value} cannot be added to {@code sum}, or null when it can. */
    public static @Nullable String rejection(long sum, @Nullable Long value) {
        if (value == null) {
            return "v is NULL";
        }
        try {
            Math.addExact(sum, value);
            return null;
        } catch (ArithmeticException overflow) {
            return String.format("running_sum %d + %d overflows BIGINT", sum, value);
        }
    }

    /** {@code sum + value}, for a value {@link #rejection} accepts. */
    public static long add(long sum, long value) {
        return Math.addExact(sum, value);
    }
}
