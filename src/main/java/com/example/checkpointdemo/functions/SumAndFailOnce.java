package com.example.checkpointdemo.functions;

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
 * A ProcessTableFunction that keeps a running sum of {@code v} per partition in checkpointed state
 * and fails once, on purpose, when it sees {@code fail_on} (or once per attempt, at each value of
 * {@code fail_plan => '5,12,17'}, see {@link FaultPlan}).
 *
 * <pre>{@code
 * SELECT * FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k, fail_on => 8)
 * -- k, v, running_sum, attempt, processed_at, reject_reason
 * }</pre>
 *
 * <p>A value it cannot add (NULL, or one that would overflow the BIGINT sum) leaves the sum as it
 * is and comes out with a {@code reject_reason}; the script routes such rows to its rejects.
 */
@FunctionHint(output = @DataTypeHint(SumAndFailOnce.OUTPUT))
public class SumAndFailOnce extends ProcessTableFunction<Row> {

    /**
     * The columns it emits after the partition key: {@code processed_at} is when this row was
     * processed, so that a row replayed after a restore can be told from its first processing.
     */
    public static final String OUTPUT =
            "ROW<v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3), reject_reason STRING>";

    /** How SQL calls it, for error messages: Flink's name only the types it was given. */
    public static final String CALL =
            "SumAndFailOnce(input => TABLE t PARTITION BY k, fail_on => INT, fail_plan => STRING), t having a BIGINT column v";

    /** The per-key state: Flink loads it before {@code eval} and stores it after. */
    public static class SumState {
        public long runningSum = 0L;
    }

    private transient int attemptNumber;
    private transient FaultPlans plans;
    private transient FailNow failNow;

    @Override
    public void open(FunctionContext context) {
        // 0 on the first run of this task, 1 after the first restart, ... (not part of the state).
        attemptNumber = context.getTaskInfo().getAttemptNumber();
        plans = new FaultPlans();
        failNow = FailNow.of(context.getJobParameter(FailNow.PARAMETER, null));
    }

    // fail_on is an INT, not a BIGINT: Flink 2.3.0 generates `(Long) ((int) 8)` for `fail_on => 8`
    // into a BIGINT argument, which does not compile.
    // ttl = "0" means no TTL: a running sum must never expire, and without it Flink 2.3 wraps the
    // state in a never-expiring TTL whose bookkeeping costs about half of this function's CPU.
    public void eval(
            @StateHint(ttl = "0") SumState state,
            @ArgumentHint(value = ArgumentTrait.SET_SEMANTIC_TABLE, name = "input") Row input,
            @ArgumentHint(name = "fail_on", isOptional = true) @Nullable Integer failOn,
            @ArgumentHint(name = "fail_plan", isOptional = true) @Nullable String failPlan) {
        final Long v = input.getFieldAs("v");
        plans.of(failOn, failPlan).check(v, attemptNumber);
        failNow.check(v, attemptNumber);
        final String rejected = RunningSum.rejection(state.runningSum, v);
        if (rejected == null) {
            state.runningSum = RunningSum.add(state.runningSum, v);
        }
        collect(Row.of(v, state.runningSum, attemptNumber, ProcessedAt.now(), rejected));
    }
}
