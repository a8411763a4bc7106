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
 * A solution of the exercise failed-once-flag: fail on the first attempt only. A flag in the state
 * cannot say "failed already": the restore the failure causes brings back the state of a
 * checkpoint taken before it, flag false, so the job failed again on every attempt. The attempt
 * number comes from outside the state, from Flink: it is 0 only before the first restart.
 */
@FunctionHint(output = @DataTypeHint("ROW<v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)>"))
public class FailOnceWithAFlag extends ProcessTableFunction<Row> {

    /** The state, kept per key and checkpointed: the sum (the flag is gone: no checkpoint could hold it true). */
    public static class SumAndFlag {
        public long runningSum = 0L;
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
        if (failOn != null && v == failOn && attempt == 0) {
            throw new InjectedFailure(v, attempt);
        }
        state.runningSum += v;
        collect(Row.of(v, state.runningSum, attempt, Instant.now()));
    }
}
