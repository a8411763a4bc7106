package com.example.checkpointdemo.bench;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One implementation at one setting (keys, state backend), summed up over its rotations: rows/s
 * (median, min, max), its ratios to the rows/s of the bare DataStream job and of the DataStream
 * bridge inside SQL in the same rotation (medians), the median checkpoint figures, and the recovery
 * times of its failure run.
 */
public record BenchResult(
        Impl impl,
        int keys,
        String backend,
        long rows,
        double rowsPerSecond,
        double minRowsPerSecond,
        double maxRowsPerSecond,
        @Nullable Double ratioVsDatastream,
        @Nullable Double ratioVsBridge,
        long completedCheckpoints,
        long checkpointSizeBytes,
        long checkpointDurationMs,
        @Nullable Long recoveryToRunningMs,
        @Nullable Long recoveryToFailurePointMs,
        long finalSumsRight) {

    /** The CSV header of {@link #csv()}. */
    public static final String CSV_HEADER =
            "impl,keys,backend,rows,rows_per_s,rows_per_s_min,rows_per_s_max,ratio_vs_datastream,ratio_vs_datastream_bridge,"
                    + "completed_checkpoints,checkpoint_size_bytes,checkpoint_duration_ms,"
                    + "recovery_to_running_ms,recovery_to_failure_point_ms,final_sums_right";

    /**
     * The results of one setting: {@code rotations} holds one measurement per implementation per
     * rotation; {@code recoveries} one failure run per implementation.
     */
    static List<BenchResult> of(List<Map<Impl, Measurement>> rotations, Map<Impl, Measurement> recoveries) {
        // Without a DataStream run to compare with, there is no ratio.
        final List<BenchResult> results = new ArrayList<>();
        for (Impl impl : rotations.get(0).keySet()) {
            final List<Measurement> runs = rotations.stream().map(rotation -> rotation.get(impl)).toList();
            final List<Double> ratios = ratios(rotations, impl, Impl.DATASTREAM);
            final List<Double> bridgeRatios = ratios(rotations, impl, Impl.DATASTREAM_BRIDGE);
            final Measurement first = runs.get(0);
            final Measurement recovery = recoveries.get(impl);
            results.add(
                    new BenchResult(
                            impl,
                            first.keys(),
                            first.backend(),
                            first.rows(),
                            median(runs, Measurement::rowsPerSecond),
                            runs.stream().mapToDouble(Measurement::rowsPerSecond).min().orElse(0),
                            runs.stream().mapToDouble(Measurement::rowsPerSecond).max().orElse(0),
                            ratios.isEmpty() ? null : median(ratios, Double::doubleValue),
                            bridgeRatios.isEmpty() ? null : median(bridgeRatios, Double::doubleValue),
                            (long) median(runs, Measurement::completedCheckpoints),
                            (long) median(runs, Measurement::checkpointSizeBytes),
                            (long) median(runs, Measurement::checkpointDurationMs),
                            recovery == null ? null : recovery.recoveryToRunningMs(),
                            recovery == null ? null : recovery.recoveryToFailurePointMs(),
                            // The fewest keys right of any run, the failure run included.
                            java.util.stream.Stream.concat(runs.stream(), java.util.stream.Stream.ofNullable(recovery))
                                    .mapToLong(Measurement::finalSumsRight).min().orElse(0)));
        }
        return results;
    }

    /** {@code impl}'s rows/s over {@code baseline}'s, rotation by rotation (none without a baseline run). */
    private static List<Double> ratios(List<Map<Impl, Measurement>> rotations, Impl impl, Impl baseline) {
        final List<Double> ratios = new ArrayList<>();
        for (Map<Impl, Measurement> rotation : rotations) {
            if (rotation.containsKey(baseline)) {
                ratios.add(rotation.get(impl).rowsPerSecond() / rotation.get(baseline).rowsPerSecond());
            }
        }
        return ratios;
    }

    static <T> double median(List<T> values, ToDoubleFunction<T> value) {
        final List<Double> sorted = values.stream().map(value::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        if (sorted.isEmpty()) {
            return 0;
        }
        final int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    public String csv() {
        return String.join(",",
                impl.id(), String.valueOf(keys), backend, String.valueOf(rows),
                String.format("%.0f", rowsPerSecond), String.format("%.0f", minRowsPerSecond), String.format("%.0f", maxRowsPerSecond),
                ratioVsDatastream == null ? "" : String.format("%.3f", ratioVsDatastream),
                ratioVsBridge == null ? "" : String.format("%.3f", ratioVsBridge),
                String.valueOf(completedCheckpoints), String.valueOf(checkpointSizeBytes), String.valueOf(checkpointDurationMs),
                recoveryToRunningMs == null ? "" : String.valueOf(recoveryToRunningMs),
                recoveryToFailurePointMs == null ? "" : String.valueOf(recoveryToFailurePointMs),
                String.valueOf(finalSumsRight));
    }

    /** The Markdown table of {@code results}. */
    public static String markdown(List<BenchResult> results) {
        final StringBuilder out = new StringBuilder();
        out.append("| impl | keys | backend | rows | rows/s (median) | min - max | vs DataStream | vs bridge | checkpoints | checkpoint size | checkpoint time | failure -> running | failure -> back at the row |\n");
        out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BenchResult r : results) {
            out.append(String.format("| %s | %,d | %s | %,d | %,.0f | %,.0f - %,.0f | %s | %s | %d | %s | %d ms | %s | %s |%n",
                    r.impl.id(), r.keys, r.backend, r.rows, r.rowsPerSecond, r.minRowsPerSecond, r.maxRowsPerSecond,
                    r.ratioVsDatastream == null ? "-" : String.format("%.2f", r.ratioVsDatastream),
                    r.ratioVsBridge == null ? "-" : String.format("%.2f", r.ratioVsBridge),
                    r.completedCheckpoints, bytes(r.checkpointSizeBytes), r.checkpointDurationMs,
                    r.recoveryToRunningMs == null ? "-" : r.recoveryToRunningMs + " ms",
                    r.recoveryToFailurePointMs == null ? "-" : r.recoveryToFailurePointMs + " ms"));
        }
        return out.toString();
    }

    private static String bytes(long bytes) {
        return bytes < 10_000 ? bytes + " B" : bytes < 10_000_000 ? (bytes / 1024) + " KiB" : (bytes / (1024 * 1024)) + " MiB";
    }
}
