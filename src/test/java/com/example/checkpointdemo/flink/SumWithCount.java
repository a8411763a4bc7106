package com.example.checkpointdemo.flink;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.ArgumentTrait;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.annotation.StateHint;
import org.apache.flink.table.functions.ProcessTableFunction;
import org.apache.flink.types.Row;

import com.example.checkpointdemo.functions.SumAndFailOnce;

/** SumAndFailOnce's running sum, same output, whose state gained a field (a count): the next version of a job. */
@FunctionHint(output = @DataTypeHint(SumAndFailOnce.OUTPUT))
public class SumWithCount extends ProcessTableFunction<Row> {

    /** The per-key state: SumAndFailOnce's, and one more field. */
    public static class SumState {
        public long count = 0L;
        public long runningSum = 0L;
    }

    public void eval(@StateHint(ttl = "0") SumState state, @ArgumentHint(value = ArgumentTrait.SET_SEMANTIC_TABLE, name = "input") Row input) {
        state.count++;
        state.runningSum += input.<Long>getFieldAs("v");
        collect(Row.of(input.<Long>getFieldAs("v"), state.runningSum, 0, null, null));
    }
}
