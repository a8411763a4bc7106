package com.example.checkpointdemo.report;

import java.util.List;

/** One output row of the demo: key, input value, running sum after it, attempt that emitted it. */
public record SumRow(String k, long v, long runningSum, int attempt) {

    /** The columns of a running-sum sink, in this order: what the verification reads. */
    public static final List<String> COLUMNS = List.of("k", "v", "running_sum", "attempt");
}
