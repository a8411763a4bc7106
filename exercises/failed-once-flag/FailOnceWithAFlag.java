package exercise;

import com.example.checkpointdemo.functions.InjectedFailure;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.ArgumentTrait;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.annotation.StateHint;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ProcessTableFunction;
import org.apache.flink.types.Row;

import java.time.Instant;

/**
 * Exercise failed-once-flag (TASK.md beside this file): a running sum that should fail once, at
 * {@code fail_on}, and then recover. As the course's program did, it remembers in its state that
 * it has failed. Check your version with {@code bin/demo check failed-once-flag}.
 */
@FunctionHint(output = @DataTypeHint("ROW<v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)>"))
public class FailOnceWithAFlag extends ProcessTableFunction<Row> {

    /** The state, kept per key and checkpointed: the sum, and whether the function has failed. */
    public static class SumAndFlag {
        public long runningSum = 0L;
        public boolean hasFailed = false;
    }

    /** 0 on the first attempt, 1 after the first restart, ... */
    private transient int attempt;

    @Override
    public void open(FunctionContext context) {
        attempt = context.getTaskInfo().getAttemptNumber();
    }

    public void eval(
            @StateHint(ttl = "0") SumAndFlag state,
            @ArgumentHint(value = ArgumentTrait.SET_SEMANTIC_TABLE, name = "input") Row input,
            @ArgumentHint(name = "fail_on", isOptional = true) Integer failOn) {
        final long v = input.<Long>getFieldAs("v");
        if (failOn != null && v == failOn && !state.hasFailed) {
            state.hasFailed = true;
            throw new InjectedFailure(v, attempt);
        }
        state.runningSum += v;
        collect(Row.of(v, state.runningSum, attempt, Instant.now()));
    }
}
