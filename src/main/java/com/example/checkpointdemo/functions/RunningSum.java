package com.example.checkpointdemo.functions;

/** The arithmetic every variant shares: a BIGINT running sum that refuses to wrap around. */
public final class RunningSum {

    private RunningSum() {}

    /** Returns {@code sum + value}, or throws when the result would not fit a BIGINT. */
    public static long add(long sum, long value) {
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
