package com.example.checkpointdemo.bench;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.plumbing.ClusterAddress;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark: for each number of keys and state backend, the implementations run in turn (a b
 * c d a b c d ...) so that drift hits all alike, then once more each with a failure halfway.
 */
public final class Benchmark {

    /** The settings of sql/checkpoint_demo.sql that make its jobs faster; every job runs with them. */
    public static final Map<String, String> SCRIPT_SETTINGS =
            Map.of("pipeline.object-reuse", "true", "execution.checkpointing.snapshot-compression", "true");

    /** What to run. */
    public record Settings(
            long rows, List<Integer> keys, List<String> backends, int rotations, List<Impl> impls, Map<String, String> flink) {}

    private final BenchJob job;
    private final PrintStream progress;

    public Benchmark(ClusterAddress cluster, PrintStream progress) {
        this.job = new BenchJob(cluster);
        this.progress = progress;
    }

    /** Runs everything in {@code settings}; writes the CSV to {@code csv}. */
    public List<BenchResult> run(Settings settings, Path csv) throws Exception {
        final List<BenchResult> results = new ArrayList<>();
        for (int keys : settings.keys()) {
            for (String backend : settings.backends()) {
                final List<Map<Impl, Measurement>> rotations = new ArrayList<>();
                for (int rotation = 1; rotation <= settings.rotations(); rotation++) {
                    final Map<Impl, Measurement> measured = new EnumMap<>(Impl.class);
                    for (Impl impl : settings.impls()) {
                        final Measurement m = job.run(impl, settings.rows(), keys, backend, FaultPlan.none(), settings.flink());
                        progress.printf("  %-10s keys=%-7d %-8s rotation %d: %,.0f rows/s%n", impl.id(), keys, backend, rotation, m.rowsPerSecond());
                        measured.put(impl, m);
                    }
                    rotations.add(measured);
                }
                final Map<Impl, Measurement> recoveries = new EnumMap<>(Impl.class);
                for (Impl impl : settings.impls()) {
                    final Measurement m = job.run(impl, settings.rows(), keys, backend, FaultPlan.parse(String.valueOf(settings.rows() / 2)), settings.flink());
                    progress.printf("  %-10s keys=%-7d %-8s recovery: %d ms to running, %d ms back at the failure point%n",
                            impl.id(), keys, backend, m.recoveryToRunningMs(), m.recoveryToFailurePointMs());
                    recoveries.put(impl, m);
                }
                results.addAll(BenchResult.of(rotations, recoveries));
                write(csv, results);
            }
        }
        return results;
    }

    private static void write(Path csv, List<BenchResult> results) throws IOException {
        Files.createDirectories(csv.toAbsolutePath().getParent());
        final List<String> lines = new ArrayList<>(List.of(BenchResult.CSV_HEADER));
        results.forEach(result -> lines.add(result.csv()));
        Files.write(csv, lines);
    }
}
