package com.example.checkpointdemo.evidence;

import java.util.ArrayList;
import java.util.List;

/** A table's rows as read back: its column names and each row's values, as text. */
public record TableRows(List<String> columns, List<List<String>> rows) {

    /** The same rows without the columns named in {@code ignored}. */
    public TableRows without(List<String> ignored) {
        final List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!ignored.contains(columns.get(i))) {
                kept.add(i);
            }
        }
        return new TableRows(kept.stream().map(columns::get).toList(), rows.stream().map(row -> kept.stream().map(row::get).toList()).toList());
    }
}
