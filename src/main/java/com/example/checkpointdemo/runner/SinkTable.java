package com.example.checkpointdemo.runner;

import java.util.List;
import java.util.Optional;

/** A table a job writes, known by its name and columns: the one rule for telling which sink holds what. */
public interface SinkTable {

    String name();

    List<String> columns();

    /** Whether its first columns are {@code prefix}: the running sums', or the rejects'. */
    default boolean startsWith(List<String> prefix) {
        return columns().size() >= prefix.size() && columns().subList(0, prefix.size()).equals(prefix);
    }

    /** The first of {@code tables} (in the script's order) whose columns begin with {@code prefix}. */
    static <T extends SinkTable> Optional<T> firstStartingWith(List<T> tables, List<String> prefix) {
        return tables.stream().filter(table -> table.startsWith(prefix)).findFirst();
    }
}
