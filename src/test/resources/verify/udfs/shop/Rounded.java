package shop;

import org.apache.flink.table.functions.ScalarFunction;

/** ROUNDED(cents, step): cents rounded down to a multiple of step. A function of its arguments alone. */
public class Rounded extends ScalarFunction {

    public Long eval(Long cents, Integer step) {
        return cents == null || step == null ? null : cents / step * step;
    }
}
