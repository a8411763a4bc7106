package com.example.checkpointdemo.report;

/** One output row of the demo: key, input value, running sum after it, attempt that emitted it. */
public record SumRow(String k, long v, long runningSum, int attempt) {}
