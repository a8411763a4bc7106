package com.example.checkpointdemo.bench;

import com.example.checkpointdemo.functions.FaultPlan;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.types.Row;

/**
 * Chained right behind the implementation under test: notes when the first and the last row
 * came through (throughput without deployment time), fails once at {@code failAt} when asked,
 * notes when a restarted attempt is back at that row (recovery time), and checks every row's
 * running sum against the one it must have. Figures go out as accumulators, which the finished
 * job reports.
 */
final class ThroughputProbe extends RichMapFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    static final String FIRST_ROW_AT = "first_row_at";
    static final String LAST_ROW_AT = "last_row_at";
    static final String BACK_AT_FAILURE_POINT = "back_at_failure_point_at";
    static final String ROWS_CHECKED = "rows_checked";
    static final String WRONG_SUMS = "wrong_sums";
    static final String FINAL_SUMS_RIGHT = "final_sums_right";

    private final FaultPlan fault;
    private final int keys;
    private final long rows;
    private transient LongCounter rowsChecked;
    private transient LongCounter wrongSums;
    private transient LongCounter finalSumsRight;
    private transient int attemptNumber;
    private transient boolean seenFirst;
    private transient LongMinimum firstRowAt;
    private transient LongMaximum lastRowAt;
    private transient LongMaximum backAtFailurePoint;

    /**
     * A probe of rows {@code (k = i % keys, v = i, running_sum)} that fails at {@code fault} on
     * the first attempt ({@link FaultPlan#none()}: never).
     */
    ThroughputProbe(FaultPlan fault, int keys, long rows) {
        this.fault = fault;
        this.keys = keys;
        this.rows = rows;
    }

    /**
     * The running sum of key {@code v % keys} after {@code v}, the input being 1, 2, 3, ...: the
     * sum of the arithmetic series of that key's values up to {@code v}.
     */
    static long expectedSum(long v, int keys) {
        final long first = v % keys == 0 ? keys : v % keys;
        final long count = (v - first) / keys + 1;
        return count * (first + v) / 2;
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
        rowsChecked = new LongCounter();
        wrongSums = new LongCounter();
        getRuntimeContext().addAccumulator(ROWS_CHECKED, rowsChecked);
        getRuntimeContext().addAccumulator(WRONG_SUMS, wrongSums);
        finalSumsRight = new LongCounter();
        getRuntimeContext().addAccumulator(FINAL_SUMS_RIGHT, finalSumsRight);
    }

    @Override
    public Row map(Row row) {
        if (!seenFirst) {
            seenFirst = true;
            firstRowAt.add(System.currentTimeMillis());
        }
        // Every implementation's rows start with k, v, running_sum.
        final long value = (Long) row.getField(1);
        rowsChecked.add(1);
        final boolean right = ((Number) row.getField(2)).longValue() == expectedSum(value, keys);
        if (!right) {
            wrongSums.add(1);
        }
        // Each key's last value, the last row of the input for it: its sum is the key's final sum.
        // (Accumulators are the last attempt's: each of these rows counts once.)
        if (right && value > rows - keys) {
            finalSumsRight.add(1);
        }
        if (fault.size() > 0) {
            final Long v = value;
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
