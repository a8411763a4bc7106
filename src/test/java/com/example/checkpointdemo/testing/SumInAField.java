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
 * Deliberately wrong, for a test that the report can say NOT PROVEN: {@link SumAndFailOnce}'s
 * calls and columns, but the running sum in a plain field, outside Flink's state. A restart
 * starts it from 0 again, whatever checkpoint Flink restores.
 */
@FunctionHint(output = @DataTypeHint(SumAndFailOnce.OUTPUT))
public class SumInAField extends ProcessTableFunction<Row> {

    private transient long runningSum;
    private transient int attemptNumber;

    @Override
    public void open(FunctionContext context) {
        attemptNumber = context.getTaskInfo().getAttemptNumber();
        runningSum = 0;
    }

    public void eval(
            @StateHint(ttl = "0") SumAndFailOnce.SumState state, // declared as the real one, never used
            @ArgumentHint(value = ArgumentTrait.SET_SEMANTIC_TABLE, name = "input") Row input,
            @ArgumentHint(name = "fail_on", isOptional = true) @Nullable Integer failOn) {
        final Long v = input.getFieldAs("v");
        FaultPlan.failOnce(failOn).check(v, attemptNumber);
        runningSum += v == null ? 0 : v;
        collect(Row.of(v, runningSum, attemptNumber, ProcessedAt.now(), null));
    }
}
