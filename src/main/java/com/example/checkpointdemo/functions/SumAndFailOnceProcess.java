package com.example.checkpointdemo.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

import javax.annotation.Nullable;

import java.io.IOException;

/**
 * The original lesson's {@code SumAndFailOnce}, ported to Flink 2.x: a KeyedProcessFunction with
 * the running sum in a {@link ValueState}. Unlike the original it keeps no "failed already" flag
 * in state (the restore would roll it back); it fails by task attempt number, and its input is
 * paced before the keyed exchange, not inside this function.
 *
 * <p>In: rows with the key column and {@code v}. Out: {@code (k, v, running_sum, attempt)}.
 */
public class SumAndFailOnceProcess extends KeyedProcessFunction<Object, Row, Row> {

    private static final long serialVersionUID = 1L;

    private final String keyColumn;
    private final @Nullable Integer failOn;

    private transient ValueState<Long> runningSum;
    private transient int attemptNumber;

    public SumAndFailOnceProcess(String keyColumn, @Nullable Integer failOn) {
        this.keyColumn = keyColumn;
        this.failOn = failOn;
    }

    @Override
    public void open(OpenContext openContext) {
        runningSum = getRuntimeContext().getState(new ValueStateDescriptor<>("running_sum", Types.LONG));
        attemptNumber = getRuntimeContext().getTaskInfo().getAttemptNumber();
    }

    @Override
    public void processElement(Row input, Context ctx, Collector<Row> out) throws IOException {
        final Long v = input.getFieldAs("v");
        FailOnce.check(failOn, v, attemptNumber);
        final Long before = runningSum.value();
        final long after = RunningSum.add(before == null ? 0L : before, v);
        runningSum.update(after);
        out.collect(Row.of(input.getField(keyColumn), v, after, attemptNumber));
    }
}
