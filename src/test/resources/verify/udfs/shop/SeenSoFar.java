package shop;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * SEEN_SO_FAR(x): how many rows this instance has seen, counted in a field. The mistake verify must
 * catch: the count is no state, so no checkpoint holds it, and after a restore it starts again
 * from 0 while the input resumes where the checkpoint left it.
 */
public class SeenSoFar extends ScalarFunction {

    private long seen;

    public long eval(String any) {
        return ++seen;
    }
}
