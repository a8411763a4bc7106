package com.example.checkpointdemo.functions;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The fault-injection policy every variant shares: one value per task attempt. Attempt 0 fails
 * when the first value arrives, attempt 1 (the first restart) when the second does, and so on;
 * later attempts never fail. The demo's {@code fail_on => 8} is the plan {@code [8]}: fail once.
 *
 * <p>"Which attempt" is the task attempt number Flink hands to the function, never state: a
 * "failed already" flag kept in checkpointed state is rolled back to {@code false} by the very
 * restore it causes, so the failure would repeat on every attempt.
 */
public final class FaultPlan implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final FaultPlan NONE = new FaultPlan(List.of());

    private final List<Long> values;

    private FaultPlan(List<Long> values) {
        this.values = List.copyOf(values);
    }

    /** No failure at all. */
    public static FaultPlan none() {
        return NONE;
    }

    /** Fail once, on attempt 0, at {@code failOn}; none for null. */
    public static FaultPlan failOnce(@Nullable Integer failOn) {
        return failOn == null ? NONE : new FaultPlan(List.of(failOn.longValue()));
    }

    /**
     * A plan written as {@code "5,12,17"}: attempt 0 fails at 5, attempt 1 at 12, attempt 2 at 17.
     * Null or blank is no plan.
     */
    public static FaultPlan parse(@Nullable String plan) {
        if (plan == null || plan.isBlank()) {
            return NONE;
        }
        final List<Long> values = new ArrayList<>();
        for (String value : plan.split(",")) {
            try {
                values.add(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fail_plan '" + plan + "': '" + value.strip() + "' is not a number");
            }
        }
        return new FaultPlan(values);
    }

    /** The plan of a call with {@code fail_on} and {@code fail_plan}: at most one of them is set. */
    public static FaultPlan of(@Nullable Integer failOn, @Nullable String failPlan) {
        if (failOn != null && failPlan != null) {
            throw new IllegalArgumentException("set fail_on or fail_plan, not both");
        }
        return failOn != null ? failOnce(failOn) : parse(failPlan);
    }

    /** Whether a row with {@code value}, seen by task attempt {@code attemptNumber}, must fail. */
    public boolean shouldFail(@Nullable Long value, int attemptNumber) {
        return value != null && attemptNumber < values.size() && values.get(attemptNumber).equals(value);
    }

    /** Throws {@link InjectedFailure} when {@link #shouldFail} says so. */
    public void check(@Nullable Long value, int attemptNumber) {
        if (shouldFail(value, attemptNumber)) {
            throw new InjectedFailure(value, attemptNumber);
        }
    }

    /** The values, attempt by attempt. */
    public List<Long> values() {
        return values;
    }

    /** How many failures the plan injects when every value arrives. */
    public int size() {
        return values.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FaultPlan plan && plan.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    /** The plan as {@link #parse} reads it. */
    @Override
    public String toString() {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
