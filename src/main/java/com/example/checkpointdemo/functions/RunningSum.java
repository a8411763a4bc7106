package com.example.checkpointdemo.functions;

import javax.annotation.Nullable;

/** The arithmetic every variant shares: a BIGINT running sum that refuses to wrap around. */
public final class RunningSum {

    private RunningSum() {}

    /** Returns {@code sum + value}; throws for a NULL value or a result that does not fit a BIGINT. */
    public static long add(long sum, @Nullable Long value) {
        if (value == null) {
            throw new IllegalArgumentException("v is NULL: there is nothing to add to running_sum " + sum);
        }
        try {
            return Math.addExact(sum, value);
        } catch (ArithmeticException overflow) {
            // A wrapped sum would be silently wrong forever after; stopping is the honest option.
            throw new ArithmeticException(
                    String.format(
                            "running_sum overflow: %d + %d does not fit a BIGINT", sum, value));
        }
    }
}
