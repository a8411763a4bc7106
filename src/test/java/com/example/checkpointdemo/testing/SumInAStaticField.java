package com.example.checkpointdemo.testing;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.functions.ProcessedAt;
import com.example.checkpointdemo.functions.SumAndFailOnce;

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
 * A cheat, for a test that the report never calls it recovery: {@link SumAndFailOnce}'s calls,
 * columns and state, but the running sum in a static field, which survives a restart inside the
 * MiniCluster's JVM. Its output after a restore is exactly what a real recovery gives; the
 * checkpoint's state, never written, holds nothing of it.
 */
@FunctionHint(output = @DataTypeHint(SumAndFailOnce.OUTPUT))
public class SumInAStaticField extends ProcessTableFunction<Row> {

    private static long runningSum;

    private transient int attemptNumber;

    @Override
    public void open(FunctionContext context) {
        attemptNumber = context.getTaskInfo().getAttemptNumber();
        if (attemptNumber == 0) {
            runningSum = 0; // a new job; a restarted one carries on from whatever the field holds
        }
    }

    public void eval(
            @StateHint(ttl = "0") SumAndFailOnce.SumState state,
            @ArgumentHint(value = ArgumentTrait.SET_SEMANTIC_TABLE, name = "input") Row input,
            @ArgumentHint(name = "fail_on", isOptional = true) @Nullable Integer failOn) {
        final Long v = input.getFieldAs("v");
        FaultPlan.failOnce(failOn).check(v, attemptNumber);
        runningSum += v == null ? 0 : v;
        collect(Row.of(v, runningSum, attemptNumber, ProcessedAt.now(), null));
    }
}
