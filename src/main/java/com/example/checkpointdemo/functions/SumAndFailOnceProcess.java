package com.example.checkpointdemo.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

import java.io.IOException;

/**
 * The original lesson's {@code SumAndFailOnce}, ported to Flink 2.x: a KeyedProcessFunction with
 * the running sum in a {@link ValueState}. Unlike the original it keeps no "failed already" flag
 * in state (the restore would roll it back); it fails by task attempt number, and its input is
 * paced before the keyed exchange, not inside this function.
 *
 * <p>In: rows with the key column and {@code v}. Out: {@code (k, v, running_sum, attempt,
 * processed_at, reject_reason)}, as the PTF.
 */
public class SumAndFailOnceProcess extends KeyedProcessFunction<Object, Row, Row> {

    private static final long serialVersionUID = 1L;

    private final String keyColumn;
    private final FaultPlan faultPlan;

    private transient ValueState<Long> runningSum;
    private transient int attemptNumber;
    private transient FailNow failNow;

    public SumAndFailOnceProcess(String keyColumn, FaultPlan faultPlan) {
        this.keyColumn = keyColumn;
        this.faultPlan = faultPlan;
    }

    @Override
    public void open(OpenContext openContext) {
        runningSum = getRuntimeContext().getState(new ValueStateDescriptor<>("running_sum", Types.LONG));
        attemptNumber = getRuntimeContext().getTaskInfo().getAttemptNumber();
        failNow = FailNow.of(getRuntimeContext().getGlobalJobParameters().get(FailNow.PARAMETER));
    }

    @Override
    public void processElement(Row input, Context ctx, Collector<Row> out) throws IOException {
        final Long v = input.getFieldAs("v");
        faultPlan.check(v, attemptNumber);
        failNow.check(v, attemptNumber);
        final Long stored = runningSum.value();
        final long before = stored == null ? 0L : stored;
        final String rejected = RunningSum.rejection(before, v);
        final long after = rejected == null ? RunningSum.add(before, v) : before;
        runningSum.update(after);
        out.collect(Row.of(input.getField(keyColumn), v, after, attemptNumber, ProcessedAt.now(), rejected));
    }
}
