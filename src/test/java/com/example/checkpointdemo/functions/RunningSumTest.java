package com.example.checkpointdemo.functions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunningSumTest {

    @Test
    void addsPositiveAndNegativeValues() {
        assertThat(RunningSum.add(21, 7L)).isEqualTo(28);
        assertThat(RunningSum.add(5, -9L)).isEqualTo(-4);
    }

    @Test
    void nullHasNothingToAdd() {
        assertThatThrownBy(() -> RunningSum.add(6, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("v is NULL: there is nothing to add to running_sum 6");
    }

    @Test
    void overflowIsReportedNotWrapped() {
        assertThatThrownBy(() -> RunningSum.add(Long.MAX_VALUE, 1L))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("running_sum overflow")
                .hasMessageContaining(Long.MAX_VALUE + " + 1");
        assertThatThrownBy(() -> RunningSum.add(Long.MIN_VALUE, -1L)).isInstanceOf(ArithmeticException.class);
    }
}
