package com.example.checkpointdemo.campaign;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RunPlanTest {

    @Test
    void theSameSeedGivesTheSameRuns() {
        assertThat(RunPlan.of(7, 3)).isEqualTo(RunPlan.of(7, 3));
        assertThat(RunPlan.of(7, 3)).isNotEqualTo(RunPlan.of(8, 3));
        assertThat(RunPlan.of(7, 3)).isNotEqualTo(RunPlan.of(7, 4));
    }

    @Test
    void everyPlanStaysWithinItsBounds() {
        final List<RunPlan> plans = IntStream.rangeClosed(1, 200).mapToObj(run -> RunPlan.of(42, run)).toList();

        for (RunPlan plan : plans) {
            assertThat(plan.input()).hasSizeBetween(15, 40);
            assertThat(new HashSet<>(plan.input())).hasSameSizeAs(plan.input());
            assertThat(plan.faults().size()).isBetween(1, RunPlan.MAX_FAILURES);
            assertThat(plan.input()).containsAll(plan.faults().values());
            // In input order, so that each attempt reaches its failure after the previous restore.
            final List<Integer> positions = plan.faults().values().stream().map(plan.input()::indexOf).toList();
            assertThat(positions).isSorted().doesNotHaveDuplicates();
            assertThat(plan.checkpointIntervalMs()).isBetween(100, 1000);
            assertThat(plan.paceMs()).isBetween(20, 200);
        }
        assertThat(plans).extracting(RunPlan::variant).containsOnly(com.example.checkpointdemo.runner.Variant.values());
    }
}
