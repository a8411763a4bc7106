package com.example.checkpointdemo.flink;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.ArgumentTrait;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.annotation.StateHint;
import org.apache.flink.table.functions.ProcessTableFunction;
import org.apache.flink.types.Row;

/** A running sum whose state has no {@code ttl}: Flink decides its TTL. */
@FunctionHint(output = @DataTypeHint("ROW<v BIGINT, s BIGINT>"))
public class NoTtlSum extends ProcessTableFunction<Row> {

    /** The per-key state. */
    public static class SumState {
        public long sum;
    }

    public void eval(@StateHint SumState state, @ArgumentHint(ArgumentTrait.SET_SEMANTIC_TABLE) Row input) {
        state.sum += input.<Long>getFieldAs("v");
        collect(Row.of(input.<Long>getFieldAs("v"), state.sum));
    }
}
