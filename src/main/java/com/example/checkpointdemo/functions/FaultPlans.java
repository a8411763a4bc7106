package com.example.checkpointdemo.functions;

import javax.annotation.Nullable;

import java.util.Objects;

/**
 * The {@link FaultPlan} of a function call, parsed once: the plan arguments are the same literal
 * on every row, so a function keeps the last plan and parses again only if they change.
 */
final class FaultPlans {

    private @Nullable Integer failOn;
    private @Nullable String failPlan;
    private FaultPlan plan = FaultPlan.none();

    FaultPlan of(@Nullable Integer failOn, @Nullable String failPlan) {
        if (!Objects.equals(failOn, this.failOn) || !Objects.equals(failPlan, this.failPlan)) {
            this.plan = FaultPlan.of(failOn, failPlan);
            this.failOn = failOn;
            this.failPlan = failPlan;
        }
        return plan;
    }
}
