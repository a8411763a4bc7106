package com.example.checkpointdemo.functions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailOnceTest {

    @Test
    void failsOnTheConfiguredValueOnTheFirstAttemptOnly() {
        assertThat(FailOnce.shouldFail(8, 8L, 0)).isTrue();
        assertThat(FailOnce.shouldFail(8, 8L, 1)).isFalse();
        assertThat(FailOnce.shouldFail(8, 8L, 3)).isFalse();
    }

    @Test
    void otherValuesNeverFail() {
        assertThat(FailOnce.shouldFail(8, 7L, 0)).isFalse();
        assertThat(FailOnce.shouldFail(8, -8L, 0)).isFalse();
    }

    @Test
    void noFailurePointOrNoValueNeverFails() {
        assertThat(FailOnce.shouldFail(null, 8L, 0)).isFalse();
        assertThat(FailOnce.shouldFail(8, null, 0)).isFalse();
    }

    @Test
    void checkThrowsTheInjectedFailureNamingValueAndAttempt() {
        assertThatThrownBy(() -> FailOnce.check(8, 8L, 0))
                .isInstanceOf(InjectedFailure.class)
                .hasMessage("Injected failure at v=8 on attempt 0");
    }
}
