package com.example.checkpointdemo.report;

import java.util.List;

/** A row of the rejects sink: the input line as it was read, and why it is not a value. */
public record RejectRow(String line, String reason) {

    /** The columns of a rejects sink, in this order. */
    public static final List<String> COLUMNS = List.of("line", "reason");
}
