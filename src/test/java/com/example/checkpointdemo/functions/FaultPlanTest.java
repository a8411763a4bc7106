package com.example.checkpointdemo.functions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultPlanTest {

    @Test
    void failOnceFailsOnTheConfiguredValueOnTheFirstAttemptOnly() {
        final FaultPlan plan = FaultPlan.failOnce(8);

        assertThat(plan.shouldFail(8L, 0)).isTrue();
        assertThat(plan.shouldFail(8L, 1)).isFalse();
        assertThat(plan.shouldFail(8L, 3)).isFalse();
        assertThat(plan.shouldFail(7L, 0)).isFalse();
        assertThat(plan.shouldFail(-8L, 0)).isFalse();
    }

    @Test
    void aPlanFailsAttemptByAttempt() {
        final FaultPlan plan = FaultPlan.parse(" 5, 12,17 ");

        assertThat(plan.values()).containsExactly(5L, 12L, 17L);
        assertThat(plan.shouldFail(5L, 0)).isTrue();
        assertThat(plan.shouldFail(12L, 0)).isFalse();
        assertThat(plan.shouldFail(12L, 1)).isTrue();
        assertThat(plan.shouldFail(17L, 2)).isTrue();
        assertThat(plan.shouldFail(17L, 3)).isFalse();
        assertThat(plan).hasToString("5,12,17");
    }

    @Test
    void noPlanOrNoValueNeverFails() {
        assertThat(FaultPlan.failOnce(null).shouldFail(8L, 0)).isFalse();
        assertThat(FaultPlan.parse(null).size()).isZero();
        assertThat(FaultPlan.parse(" ").size()).isZero();
        assertThat(FaultPlan.failOnce(8).shouldFail(null, 0)).isFalse();
    }

    @Test
    void failOnAndFailPlanAreOneOrTheOther() {
        assertThat(FaultPlan.of(8, null)).isEqualTo(FaultPlan.failOnce(8));
        assertThat(FaultPlan.of(null, "3,4")).isEqualTo(FaultPlan.parse("3,4"));
        assertThatThrownBy(() -> FaultPlan.of(8, "3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("set fail_on or fail_plan, not both");
        assertThatThrownBy(() -> FaultPlan.parse("3,x"))
                .hasMessage("fail_plan '3,x': 'x' is not a number");
    }

    @Test
    void checkThrowsTheInjectedFailureNamingValueAndAttempt() {
        assertThatThrownBy(() -> FaultPlan.parse("4,8").check(8L, 1))
                .isInstanceOf(InjectedFailure.class)
                .hasMessage("Injected failure at v=8 on attempt 1");
    }
}
