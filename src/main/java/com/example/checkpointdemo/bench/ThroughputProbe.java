package com.example.checkpointdemo.bench;

import com.example.checkpointdemo.functions.FaultPlan;

import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.types.Row;

/**
 * Chained right behind the implementation under test: notes when the first and the last row
 * came through (throughput without deployment time), fails once at {@code failAt} when asked,
 * and notes when a restarted attempt is back at that row (recovery time). Times go out as
 * accumulators, which the finished job reports.
 */
final class ThroughputProbe extends RichMapFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    static final String FIRST_ROW_AT = "first_row_at";
    static final String LAST_ROW_AT = "last_row_at";
    static final String BACK_AT_FAILURE_POINT = "back_at_failure_point_at";

    private final FaultPlan fault;
    private transient int attemptNumber;
    private transient boolean seenFirst;
    private transient LongMinimum firstRowAt;
    private transient LongMaximum lastRowAt;
    private transient LongMaximum backAtFailurePoint;

    /** A probe that fails at {@code fault} on the first attempt ({@link FaultPlan#none()}: never). */
    ThroughputProbe(FaultPlan fault) {
        this.fault = fault;
    }

    @Override
    public void open(OpenContext openContext) {
        attemptNumber = getRuntimeContext().getTaskInfo().getAttemptNumber();
        firstRowAt = new LongMinimum();
        lastRowAt = new LongMaximum();
        backAtFailurePoint = new LongMaximum();
        getRuntimeContext().addAccumulator(FIRST_ROW_AT, firstRowAt);
        getRuntimeContext().addAccumulator(LAST_ROW_AT, lastRowAt);
        getRuntimeContext().addAccumulator(BACK_AT_FAILURE_POINT, backAtFailurePoint);
    }

    @Override
    public Row map(Row row) {
        if (!seenFirst) {
            seenFirst = true;
            firstRowAt.add(System.currentTimeMillis());
        }
        if (fault.size() > 0) {
            // Every implementation's rows start with k, v.
            final Long v = (Long) row.getField(1);
            fault.check(v, attemptNumber);
            if (attemptNumber > 0 && fault.values().get(0).equals(v)) {
                backAtFailurePoint.add(System.currentTimeMillis());
            }
        }
        return row;
    }

    @Override
    public void close() {
        lastRowAt.add(System.currentTimeMillis());
    }
}
