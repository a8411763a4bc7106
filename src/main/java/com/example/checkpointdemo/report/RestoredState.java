package com.example.checkpointdemo.report;

import com.example.checkpointdemo.plumbing.Text;

import javax.annotation.Nullable;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the restored checkpoint holds, read from its own files (never from the output): the running
 * sum of each key, or why it could not be read. {@code path} is where Flink keeps it, {@code copy}
 * the copy the report kept (and read), {@code how} what was read (the operator and state) or why
 * nothing was.
 */
public record RestoredState(
        long checkpointId, String path, @Nullable String copy, @Nullable Map<String, Long> sums, String how) {

    /** The sums read from the copy {@code copy} of checkpoint {@code checkpointId} at {@code path}. */
    public static RestoredState read(long checkpointId, String path, String copy, Map<String, Long> sums, String how) {
        return new RestoredState(checkpointId, path, copy, new TreeMap<>(sums), how);
    }

    /** A checkpoint whose running sums could not be read, and why. */
    public static RestoredState unreadable(long checkpointId, String path, @Nullable String copy, String why) {
        return new RestoredState(checkpointId, path, copy, null, why);
    }

    /** Whether the sums were read. */
    public boolean isRead() {
        return sums != null;
    }

    /** The sum the checkpoint holds for {@code key}; null for a key it holds none for (or when not read). */
    public @Nullable Long sumOf(String key) {
        return sums == null ? null : sums.get(key);
    }

    /** {@code all → 6, b → 3}, {@code no running sum}, or {@code not read: why}. */
    public String describe() {
        if (sums == null) {
            return Text.format("not read: %s", how);
        }
        return describe(sums);
    }

    /** {@code all → 6, b → 3}, or {@code no running sum}. */
    public static String describe(Map<String, Long> sums) {
        return sums.isEmpty() ? Text.of("no running sum") : sums.entrySet().stream()
                .map(e -> e.getKey() + " → " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
