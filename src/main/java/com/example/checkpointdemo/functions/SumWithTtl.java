package com.example.checkpointdemo.functions;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.ArgumentTrait;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.annotation.StateHint;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ProcessTableFunction;
import org.apache.flink.types.Row;

/**
 * The running sum with a state TTL, for the {@code ttl-downtime} lesson: a key's sum expires
 * {@value #TTL} after it was last written, measured in processing time, so the time a stopped
 * job spends down counts too. (No fault: the lesson's fault is the downtime.)
 */
@FunctionHint(output = @DataTypeHint(SumAndFailOnce.OUTPUT))
public class SumWithTtl extends ProcessTableFunction<Row> {

    /** How long a key's sum lives after it was last written. */
    public static final String TTL = "3 s";

    private transient int attemptNumber;

    @Override
    public void open(FunctionContext context) {
        attemptNumber = context.getTaskInfo().getAttemptNumber();
    }

    public void eval(
            @StateHint(ttl = TTL) SumAndFailOnce.SumState state,
            @ArgumentHint(value = ArgumentTrait.SET_SEMANTIC_TABLE, name = "input") Row input) {
        final Long v = input.getFieldAs("v");
        final String rejected = RunningSum.rejection(state.runningSum, v);
        if (rejected == null) {
            state.runningSum = RunningSum.add(state.runningSum, v);
        }
        collect(Row.of(v, state.runningSum, attemptNumber, ProcessedAt.now(), rejected));
    }
}
