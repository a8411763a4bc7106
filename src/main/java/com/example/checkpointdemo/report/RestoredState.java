package com.example.checkpointdemo.report;

import javax.annotation.Nullable;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the restored checkpoint holds, read from the checkpoint itself (not from the output): the
 * running sum of each key, or why it could not be read.
 */
public record RestoredState(long checkpointId, String path, @Nullable Map<String, Long> sums, String how) {

    /** The sums read from checkpoint {@code checkpointId} at {@code path}, {@code how} says by what. */
    public static RestoredState read(long checkpointId, String path, Map<String, Long> sums, String how) {
        return new RestoredState(checkpointId, path, new TreeMap<>(sums), how);
    }

    /** A checkpoint whose running sums could not be read, and why. */
    public static RestoredState unreadable(long checkpointId, String path, String why) {
        return new RestoredState(checkpointId, path, null, why);
    }

    /** Whether the sums were read. */
    public boolean isRead() {
        return sums != null;
    }

    /** The sum the checkpoint holds for {@code key}: 0 for a key it never saw, as the function starts. */
    public long sumOf(String key) {
        return sums == null ? 0 : sums.getOrDefault(key, 0L);
    }

    /** {@code all → 6, b → 3}, or {@code (none)}. */
    public String describe() {
        if (sums == null) {
            return "not read: " + how;
        }
        return sums.isEmpty() ? "no running sum" : sums.entrySet().stream()
                .map(e -> e.getKey() + " → " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
