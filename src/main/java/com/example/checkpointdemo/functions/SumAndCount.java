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
 * The next version of {@link SumAndFailOnce}, for the upgrade lesson: the same running sum and
 * output, and a state that gained a field (the rows counted). Flink 2.3.0 cannot restore
 * SumAndFailOnce's state into it (sql/scenarios/upgrade/state_gains_field.sql).
 */
@FunctionHint(output = @DataTypeHint(SumAndFailOnce.OUTPUT))
public class SumAndCount extends ProcessTableFunction<Row> {

    /** SumAndFailOnce's per-key state, and one more field. */
    public static class SumState {
        public long count = 0L;
        public long runningSum = 0L;
    }

    private transient int attemptNumber;

    @Override
    public void open(FunctionContext context) {
        attemptNumber = context.getTaskInfo().getAttemptNumber();
    }

    public void eval(@StateHint(ttl = "0") SumState state, @ArgumentHint(value = ArgumentTrait.SET_SEMANTIC_TABLE, name = "input") Row input) {
        final Long v = input.getFieldAs("v");
        final String rejected = RunningSum.rejection(state.runningSum, v);
        if (rejected == null) {
            state.count++;
            state.runningSum = RunningSum.add(state.runningSum, v);
        }
        collect(Row.of(v, state.runningSum, attemptNumber, ProcessedAt.now(), rejected));
    }
}
