package com.example.checkpointdemo.functions;

import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PTF's eval() driven by hand: Flink's job is only to keep {@code state} between calls. */
class SumAndFailOnceTest {

    private final List<Row> emitted = new ArrayList<>();

    @Test
    void emitsTheRunningSumWithTheAttemptNumber() {
        final SumAndFailOnce function = openedOnAttempt(0);
        final SumAndFailOnce.SumState state = new SumAndFailOnce.SumState();

        for (long v = 1; v <= 4; v++) {
            function.eval(state, input(v), null, null);
        }

        assertThat(withoutTimes())
                .containsExactly(
                        Row.of(1L, 1L, 0, null), Row.of(2L, 3L, 0, null), Row.of(3L, 6L, 0, null), Row.of(4L, 10L, 0, null));
        assertThat(emitted).allSatisfy(row -> assertThat(row.getField(3)).isInstanceOf(Instant.class));
        assertThat(state.runningSum).isEqualTo(10);
    }

    @Test
    void failsAtFailOnOnTheFirstAttemptWithoutTouchingTheState() {
        final SumAndFailOnce function = openedOnAttempt(0);
        final SumAndFailOnce.SumState state = new SumAndFailOnce.SumState();
        state.runningSum = 21;

        assertThatThrownBy(() -> function.eval(state, input(8L), 8, null))
                .isInstanceOf(InjectedFailure.class);
        assertThat(state.runningSum).isEqualTo(21);
        assertThat(emitted).isEmpty();
    }

    @Test
    void aRestartedAttemptPassesTheFailurePointWithTheRestoredState() {
        final SumAndFailOnce function = openedOnAttempt(1);
        final SumAndFailOnce.SumState restored = new SumAndFailOnce.SumState();
        restored.runningSum = 28;

        function.eval(restored, input(8L), 8, null);

        assertThat(withoutTimes()).containsExactly(Row.of(8L, 36L, 1, null));
    }

    @Test
    void aFaultPlanFailsOncePerAttempt() {
        final SumAndFailOnce secondAttempt = openedOnAttempt(1);

        secondAttempt.eval(new SumAndFailOnce.SumState(), input(5L), null, "5,12");
        assertThatThrownBy(() -> secondAttempt.eval(new SumAndFailOnce.SumState(), input(12L), null, "5,12"))
                .isInstanceOf(InjectedFailure.class)
                .hasMessage("Injected failure at v=12 on attempt 1");
    }

    @Test
    void whatCannotBeAddedIsRejectedAndLeavesTheSumAsItWas() {
        final SumAndFailOnce function = openedOnAttempt(0);
        final SumAndFailOnce.SumState state = new SumAndFailOnce.SumState();
        state.runningSum = Long.MAX_VALUE - 1;

        function.eval(state, input(5L), null, null);
        function.eval(state, input(null), null, null);
        function.eval(state, input(1L), null, null);

        assertThat(withoutTimes())
                .containsExactly(
                        Row.of(5L, Long.MAX_VALUE - 1, 0, "running_sum 9223372036854775806 + 5 overflows BIGINT"),
                        Row.of(null, Long.MAX_VALUE - 1, 0, "v is NULL"),
                        Row.of(1L, Long.MAX_VALUE, 0, null));
    }

    /** The emitted rows without their processed_at (the wall clock's): v, running_sum, attempt, reject_reason. */
    private List<Row> withoutTimes() {
        return emitted.stream().map(row -> Row.of(row.getField(0), row.getField(1), row.getField(2), row.getField(4))).toList();
    }

    /** A row of the table argument as Flink passes it: fields by name, partition key included. */
    private static Row input(Long v) {
        final Row row = Row.withNames();
        row.setField("k", "all");
        row.setField("v", v);
        return row;
    }

    private SumAndFailOnce openedOnAttempt(int attemptNumber) {
        final SumAndFailOnce function = new SumAndFailOnce();
        function.open(
                new FunctionContext(null, null, null) {
                    @Override
                    public TaskInfo getTaskInfo() {
                        return new TaskInfoImpl("SumAndFailOnce", 128, 0, 1, attemptNumber);
                    }

                    @Override
                    public String getJobParameter(String key, String defaultValue) {
                        return defaultValue; // no fail-now requests in these tests
                    }
                });
        function.setCollector(
                new Collector<>() {
                    @Override
                    public void collect(Row row) {
                        emitted.add(row);
                    }

                    @Override
                    public void close() {}
                });
        return function;
    }
}
