package com.example.checkpointdemo.flink;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.ArgumentTrait;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.annotation.StateHint;
import org.apache.flink.table.functions.ProcessTableFunction;
import org.apache.flink.types.Row;

/** {@link NoTtlSum} with {@code ttl = "0"}: the same state, without Flink's never-expiring TTL. */
@FunctionHint(output = @DataTypeHint("ROW<v BIGINT, s BIGINT>"))
public class TtlZeroSum extends ProcessTableFunction<Row> {

    public void eval(@StateHint(ttl = "0") NoTtlSum.SumState state, @ArgumentHint(ArgumentTrait.SET_SEMANTIC_TABLE) Row input) {
        state.sum += input.<Long>getFieldAs("v");
        collect(Row.of(input.<Long>getFieldAs("v"), state.sum));
    }
}
