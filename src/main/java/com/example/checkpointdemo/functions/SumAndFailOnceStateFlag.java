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


/**
 * Deliberately wrong, for the {@code state-flag} scenario: {@link SumAndFailOnce} with the
 * original lesson's mistake, a "failed already" flag kept in the checkpointed state. Every
 * checkpoint a restart can restore was taken before the failure, so none holds the flag as
 * {@code true}: the failure repeats on every attempt until the restart budget is spent. Use
 * {@link FaultPlan} instead.
 */
@FunctionHint(output = @DataTypeHint(SumAndFailOnce.OUTPUT))
public class SumAndFailOnceStateFlag extends ProcessTableFunction<Row> {

    /** The original's two value states, as one state entry. */
    public static class FlaggedSum {
        public long runningSum = 0L;
        public boolean hasFailed = false;
    }

    private transient int attemptNumber;

    @Override
    public void open(FunctionContext context) {
        attemptNumber = context.getTaskInfo().getAttemptNumber();
    }

    public void eval(
            @StateHint(ttl = "0") FlaggedSum state,
            @ArgumentHint(value = ArgumentTrait.SET_SEMANTIC_TABLE, name = "input") Row input,
            @ArgumentHint(name = "fail_on", isOptional = true) @Nullable Integer failOn) {
        final Long v = input.getFieldAs("v");
        // As the original: remember the failure in state, then fail. No checkpoint ever holds the
        // flag as true: it is set at the very moment of the failure. (Here the write is not even
        // kept until the restore: Flink stores a PTF's state after eval returns, and this one throws.)
        if (!state.hasFailed && failOn != null && v != null && failOn.longValue() == v) {
            state.hasFailed = true;
            throw new InjectedFailure(v, attemptNumber);
        }
        final String rejected = RunningSum.rejection(state.runningSum, v);
        if (rejected == null) {
            state.runningSum = RunningSum.add(state.runningSum, v);
        }
        collect(Row.of(v, state.runningSum, attemptNumber, ProcessedAt.now(), rejected));
    }
}
