package com.example.checkpointdemo.functions;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code PACE_ROWS(millis)} is TRUE after sleeping {@code millis}: a filter that lets every row of a
 * table through, one per {@code millis}. {@code bin/demo verify --pace} puts it in a view over each
 * source of a script it did not write ({@code WHERE PACE_ROWS(25)}), whatever the columns: the
 * filter runs in the source's task, so a short bounded job runs long enough for checkpoints and
 * faults, and a row at most is in flight when a barrier comes ({@link Pace} says why that matters).
 */
public class PaceRows extends ScalarFunction {

    public boolean eval(int millis) {
        Pace.sleep(millis, "PACE_ROWS");
        return true;
    }

    @Override
    public boolean isDeterministic() {
        // A literal argument must not make it a constant the planner folds away: it sleeps per row.
        return false;
    }
}
