package com.example.checkpointdemo.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RejectCheckTest {

    private static final InputValues INPUT =
            InputValues.of("1\nabc\n9223372036854775000\n9223372036854775000\n1,2\n5\n");

    @Test
    void everyBadLineKeptAndEveryOverflowRealIsExact() {
        final RejectCheck check =
                RejectCheck.of(
                        List.of(
                                new RejectRow("abc", "not an integer"),
                                new RejectRow("9223372036854775000", "running_sum 9223372036854775001 + 9223372036854775000 overflows BIGINT"),
                                new RejectRow("1,2", "not an integer")),
                        INPUT);

        assertThat(check.exact()).isTrue();
        assertThat(check.rows()).isEqualTo(3);
        assertThat(check.overflowed()).containsExactly(9223372036854775000L);
        assertThat(check.committable(INPUT.values())).containsExactly(1L, 9223372036854775000L, 5L);
    }

    @Test
    void aBadLineNotKeptIsNamedWithItsLineNumber() {
        final RejectCheck check = RejectCheck.of(List.of(new RejectRow("abc", "not an integer")), INPUT);

        assertThat(check.problems()).containsExactly("bad line 5 not kept: '1,2' (not an integer)");
    }

    @Test
    void aRowRejectedTwiceOrWithoutCauseIsAProblem() {
        final RejectCheck check =
                RejectCheck.of(
                        List.of(
                                new RejectRow("abc", "not an integer"),
                                new RejectRow("abc", "not an integer"),
                                new RejectRow("1,2", "not an integer"),
                                new RejectRow("5", "running_sum 1 + 5 overflows BIGINT")),
                        INPUT);

        assertThat(check.problems())
                .containsExactly(
                        "rejected but not a bad line, or rejected twice: 'abc' (not an integer)",
                        "rejected without cause: 5 (running_sum 1 + 5 overflows BIGINT)");
    }

    @Test
    void anOverflowRejectedTwiceIsAProblem() {
        final RejectRow overflow =
                new RejectRow("9223372036854775000", "running_sum 9223372036854775001 + 9223372036854775000 overflows BIGINT");
        final RejectCheck check =
                RejectCheck.of(
                        List.of(new RejectRow("abc", "not an integer"), overflow, overflow, overflow,
                                new RejectRow("1,2", "not an integer")),
                        INPUT);

        assertThat(check.problems()).containsExactly(
                "rejected more often than the input has it: 9223372036854775000 (running_sum"
                        + " 9223372036854775001 + 9223372036854775000 overflows BIGINT)");
    }
}
