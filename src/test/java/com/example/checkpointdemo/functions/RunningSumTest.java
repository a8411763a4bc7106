package com.example.checkpointdemo.functions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunningSumTest {

    @Test
    void addsPositiveAndNegativeValues() {
        assertThat(RunningSum.rejection(21, 7L)).isNull();
        assertThat(RunningSum.add(21, 7)).isEqualTo(28);
        assertThat(RunningSum.add(5, -9)).isEqualTo(-4);
    }

    @Test
    void nullHasNothingToAdd() {
        assertThat(RunningSum.rejection(6, null)).isEqualTo("v is NULL");
    }

    @Test
    void overflowIsRejectedNotWrapped() {
        assertThat(RunningSum.rejection(Long.MAX_VALUE, 1L))
                .isEqualTo("running_sum 9223372036854775807 + 1 overflows BIGINT");
        assertThat(RunningSum.rejection(Long.MIN_VALUE, -1L)).contains("overflows BIGINT");
        assertThat(RunningSum.rejection(Long.MAX_VALUE, -1L)).isNull();
        assertThatThrownBy(() -> RunningSum.add(Long.MAX_VALUE, 1)).isInstanceOf(ArithmeticException.class);
    }
}
