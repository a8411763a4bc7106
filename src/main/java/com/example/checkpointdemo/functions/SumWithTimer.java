package com.example.checkpointdemo.functions;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.ArgumentTrait;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.annotation.StateHint;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ProcessTableFunction;
import org.apache.flink.types.Row;

import javax.annotation.Nullable;

import java.time.Instant;

/**
 * The running sum with an event-time timer, for the {@code timers} lesson: a key's first row
 * registers the timer {@value #TIMER} for the event time of {@code v = fire_at}, and when the
 * watermark passes it the function emits one row for it (column {@code timer}). The timer is kept
 * in Flink's keyed state beside the sum, so a checkpoint holds it and a restore brings it back.
 * Each row also says which watermark the function had seen when it processed it (column {@code
 * seen_watermark}, NULL before the first): what a restore does to watermarks shows in it.
 */
@FunctionHint(output = @DataTypeHint(
        "ROW<v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3), timer STRING, seen_watermark TIMESTAMP_LTZ(3)>"))
public class SumWithTimer extends ProcessTableFunction<Row> {

    /** The timer's name, and what its row says in the {@code timer} column. */
    public static final String TIMER = "set-on-the-first-row";

    private transient int attemptNumber;
    private transient FaultPlans plans;

    @Override
    public void open(FunctionContext context) {
        attemptNumber = context.getTaskInfo().getAttemptNumber();
        plans = new FaultPlans();
    }

    public void eval(
            Context context,
            @StateHint(ttl = "0") SumAndFailOnce.SumState state,
            @ArgumentHint(value = {ArgumentTrait.SET_SEMANTIC_TABLE, ArgumentTrait.REQUIRE_ON_TIME}, name = "input") Row input,
            @ArgumentHint(name = "fail_on", isOptional = true) @Nullable Integer failOn,
            @ArgumentHint(name = "fire_at", isOptional = true) @Nullable Integer fireAt) {
        final long v = input.<Long>getFieldAs("v");
        plans.of(failOn, null).check(v, attemptNumber);
        if (state.runningSum == 0 && fireAt != null) {
            // The key's first row: the timer for the event time of v = fire_at (one second a value).
            final TimeContext<Instant> time = context.timeContext(Instant.class);
            time.registerOnTime(TIMER, time.time().plusSeconds(fireAt - v));
        }
        state.runningSum = RunningSum.add(state.runningSum, v);
        collect(Row.of(v, state.runningSum, attemptNumber, ProcessedAt.now(), null,
                context.timeContext(Instant.class).currentWatermark()));
    }

    public void onTimer(OnTimerContext context, @StateHint(ttl = "0") SumAndFailOnce.SumState state) {
        collect(Row.of(null, state.runningSum, attemptNumber, ProcessedAt.now(), context.currentTimer(),
                context.timeContext(Instant.class).currentWatermark()));
    }
}
