package com.example.checkpointdemo.functions;

import javax.annotation.Nullable;

/**
 * The fault-injection policy shared by every variant: fail when the value {@code failOn} arrives,
 * on the task's first attempt only.
 *
 * <p>"First attempt" comes from the task attempt number Flink hands to the function, never from
 * state: a "failed already" flag kept in checkpointed state is rolled back to {@code false} by the
 * very restore it causes, so the failure would repeat on every attempt.
 */
public final class FailOnce {

    private FailOnce() {}

    /** Whether a row with {@code value}, seen by task attempt {@code attemptNumber}, must fail. */
    public static boolean shouldFail(@Nullable Integer failOn, @Nullable Long value, int attemptNumber) {
        return failOn != null && value != null && failOn.longValue() == value && attemptNumber == 0;
    }

    /** Throws {@link InjectedFailure} when {@link #shouldFail} says so. */
    public static void check(@Nullable Integer failOn, @Nullable Long value, int attemptNumber) {
        if (shouldFail(failOn, value, attemptNumber)) {
            throw new InjectedFailure(value, attemptNumber);
        }
    }
}
