package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.plumbing.Text;

import java.util.List;

/**
 * What a faulty run committed that its reference did not, of one kind, with how many rows and the
 * first ones, as a person reads them.
 */
public record Anomaly(Kind kind, String sink, int rows, List<String> first) {

    /** The kinds of anomaly: each names what went wrong with the committed output. */
    public enum Kind {
        /** A row the reference committed that this run did not (or fewer times). */
        LOST,
        /** A row the reference committed that this run committed more often. */
        DUPLICATED,
        /** A row the reference never committed. */
        UNEXPECTED,
        /** A row whose other columns the reference committed with other values: a lost row and an unexpected one that agree on most columns. */
        CHANGED_VALUE,
        /** The job never finished: its output cannot be compared. */
        STUCK,
        /** An upsert sink's changelog deletes a key no record inserted: its readers' tables go wrong, whatever the final one. */
        BROKEN_CHANGELOG,
        /** A transaction of the job's sink left open on the broker after the job's end: output no committed reader sees yet. */
        OPEN_TRANSACTION;

        /** Whether anomalies of this kind count rows (the others count records or transactions). */
        public boolean countsRows() {
            return this != BROKEN_CHANGELOG && this != OPEN_TRANSACTION;
        }
    }

    /** At most this many rows are shown of each kind. */
    static final int SHOWN = 5;

    /** {@code LOST 3 rows in window_totals: [..], [..]}, in the reader's language. */
    public String describe() {
        if (!kind.countsRows()) {
            return Text.format("%s in %s (%d): %s%s", kind.name().replace('_', ' '), sink, rows,
                    String.join("; ", first), rows > first.size() ? "; …" : "");
        }
        return Text.format("%s %d row%s in %s: %s%s", kind.name().replace('_', ' '), rows, rows == 1 ? "" : "s", sink,
                String.join("; ", first), rows > first.size() ? "; …" : "");
    }
}
