package com.example.checkpointdemo.flink;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.ArgumentTrait;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.ProcessTableFunction;
import org.apache.flink.types.Row;

/** A ProcessTableFunction with a BIGINT scalar argument, as {@code fail_on} would be if typed like the data. */
@FunctionHint(output = @DataTypeHint("ROW<v BIGINT>"))
public class BigintArgument extends ProcessTableFunction<Row> {

    public void eval(@ArgumentHint(ArgumentTrait.SET_SEMANTIC_TABLE) Row input, @ArgumentHint(name = "fail_on") Long failOn) {
        collect(Row.of(input.<Long>getFieldAs("v")));
    }
}
