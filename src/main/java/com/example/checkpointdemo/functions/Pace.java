package com.example.checkpointdemo.functions;

import org.apache.flink.table.functions.ScalarFunction;

import javax.annotation.Nullable;

/**
 * {@code PACE(v, millis)} returns {@code v} after sleeping {@code millis}: the original's 200 ms per
 * row, moved to where it does not block checkpoints.
 *
 * <p>Call it in the projection right after the source. It then runs in the source's task, before
 * the keyed exchange, so at most the current row is in flight when a checkpoint barrier is
 * injected. Sleeping inside the stateful operator instead lets the source fill the network buffers
 * with every row at once, and the aligned barrier queues behind all of them.
 */
public class Pace extends ScalarFunction {

    // BIGINT in, BIGINT out: the type the demo's numbers have.
    public @Nullable Long eval(@Nullable Long value, int millis) {
        sleep(millis, "PACE");
        return value;
    }

    /** Sleeps {@code millis} in the task's thread; {@code function} names the caller should the task be cancelled meanwhile. */
    static void sleep(int millis, String function) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException cancelled) {
            // Flink interrupts the task thread when it cancels the task (e.g. during failover).
            Thread.currentThread().interrupt();
            throw new IllegalStateException(function + " was interrupted: the task is being cancelled");
        }
    }

    @Override
    public boolean isDeterministic() {
        // It has a side effect (time); keep the planner from folding or moving it.
        return false;
    }
}
