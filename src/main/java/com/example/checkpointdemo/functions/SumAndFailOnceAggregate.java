package com.example.checkpointdemo.functions;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.TableAggregateFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

import javax.annotation.Nullable;

import java.time.Instant;

/**
 * The running sum as a TableAggregateFunction: the accumulator is the per-key state, which Flink
 * keeps in managed keyed state and restores from checkpoints. Table API only (Flink 2.3.0 cannot
 * call a TableAggregateFunction from SQL):
 *
 * <pre>{@code
 * input.groupBy($("k")).flatAggregate(call(SumAndFailOnceAggregate.class, $("v"), lit("8")))
 * }</pre>
 *
 * <p>The last argument is the {@link FaultPlan}, e.g. {@code "8"}. Each input row updates the key's
 * single output row {@code (v, running_sum, attempt, processed_at, reject_reason)}: the result is an updating
 * table.
 */
@FunctionHint(output = @DataTypeHint(SumAndFailOnce.OUTPUT))
public class SumAndFailOnceAggregate
        extends TableAggregateFunction<Row, SumAndFailOnceAggregate.SumAccumulator> {

    /** The accumulator: the running sum, the value that came last and why it was rejected, if. */
    public static class SumAccumulator {
        public long runningSum = 0L;
        public @Nullable Long lastValue;
        public @Nullable String lastRejection;
        public long lastProcessedAtMillis;
    }

    private transient int attemptNumber;
    private transient FaultPlans plans;

    private transient FailNow failNow;

    @Override
    public void open(FunctionContext context) {
        attemptNumber = context.getTaskInfo().getAttemptNumber();
        plans = new FaultPlans();
        failNow = FailNow.of(context.getJobParameter(FailNow.PARAMETER, null));
    }

    @Override
    public SumAccumulator createAccumulator() {
        return new SumAccumulator();
    }

    public void accumulate(SumAccumulator acc, @Nullable Long v, @Nullable String faultPlan) {
        plans.of(null, faultPlan).check(v, attemptNumber);
        failNow.check(v, attemptNumber);
        acc.lastRejection = RunningSum.rejection(acc.runningSum, v);
        if (acc.lastRejection == null) {
            acc.runningSum = RunningSum.add(acc.runningSum, v);
        }
        acc.lastValue = v;
        acc.lastProcessedAtMillis = System.currentTimeMillis();
    }

    public void emitValue(SumAccumulator acc, Collector<Row> out) {
        if (acc.lastValue != null || acc.lastRejection != null) {
            out.collect(Row.of(acc.lastValue, acc.runningSum, attemptNumber,
                    Instant.ofEpochMilli(acc.lastProcessedAtMillis), acc.lastRejection));
        }
    }
}
