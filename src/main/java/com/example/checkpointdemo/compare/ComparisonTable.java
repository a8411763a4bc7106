package com.example.checkpointdemo.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The comparison as a person reads it (a Markdown table) and as a tool does (CSV). */
public final class ComparisonTable {

    private ComparisonTable() {}

    /** The table: one row per configuration, every figure Flink's (REST), medians over the rounds. */
    public static String markdown(List<ComparisonRow> rows) {
        final StringBuilder out = new StringBuilder();
        out.append("| configuration | verdict | restored | checkpoints | written per checkpoint | whole state"
                + " | checkpoint duration | barrier wait (max) | in-flight data (max) | restore |\n");
        out.append("|---|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (ComparisonRow row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %d ms | %d ms | %s | %d ms |%n",
                    row.configuration().name(), row.verdict(), row.restored(), row.checkpoints(),
                    kilobytes(row.writtenPerCheckpoint()), kilobytes(row.fullState()), row.durationMillis(),
                    row.barrierWaitMillis(), kilobytes(row.persistedBytes()), row.restoreMillis()));
        }
        return out.toString();
    }

    /**
     * Writes {@code results.csv} (the table's figures, in bytes and milliseconds) and {@code
     * checkpoints.csv} (every checkpoint of every run) into {@code directory}.
     */
    public static void writeCsv(List<ComparisonRow> rows, Path directory) throws IOException {
        Files.createDirectories(directory);
        final List<String> results = new ArrayList<>(List.of("configuration,verdict,shown,restored_checkpoints,checkpoints,"
                + "checkpointed_size_bytes,state_size_bytes,duration_ms,start_delay_ms,alignment_ms,barrier_wait_ms,"
                + "persisted_bytes,restore_ms"));
        final List<String> checkpoints = new ArrayList<>(List.of("configuration,round,checkpoint_id,at_ms,type,"
                + "checkpointed_size_bytes,state_size_bytes,duration_ms,start_delay_ms,alignment_ms,persisted_bytes"));
        for (ComparisonRow row : rows) {
            results.add(String.join(",", row.configuration().name(), row.verdict(), String.valueOf(row.shown()),
                    row.restored(), String.valueOf(row.checkpoints()), String.valueOf(row.writtenPerCheckpoint()),
                    String.valueOf(row.fullState()), String.valueOf(row.durationMillis()), String.valueOf(row.startDelayMillis()),
                    String.valueOf(row.alignmentMillis()), String.valueOf(row.barrierWaitMillis()),
                    String.valueOf(row.persistedBytes()), String.valueOf(row.restoreMillis())));
            for (int round = 0; round < row.figures().size(); round++) {
                for (CheckpointFigures.Checkpoint c : row.figures().get(round).checkpoints()) {
                    checkpoints.add(String.join(",", row.configuration().name(), String.valueOf(round + 1), String.valueOf(c.id()),
                            String.valueOf(c.atMillis()), c.type(), String.valueOf(c.checkpointedSize()), String.valueOf(c.stateSize()),
                            String.valueOf(c.durationMillis()), String.valueOf(c.startDelayMillis()),
                            String.valueOf(c.alignmentMillis()), String.valueOf(c.persistedBytes())));
                }
            }
        }
        Files.write(directory.resolve("results.csv"), results);
        Files.write(directory.resolve("checkpoints.csv"), checkpoints);
    }

    static String kilobytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
}
