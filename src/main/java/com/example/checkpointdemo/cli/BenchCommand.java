package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.bench.BenchResult;
import com.example.checkpointdemo.bench.Benchmark;
import com.example.checkpointdemo.bench.Impl;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bin/demo bench}: throughput, checkpoint cost and recovery time of each implementation. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = Versions.class,
        optionListHeading = "%nOptions:%n",
        description = {
            "Measures each way to keep the running sum: throughput, checkpoints and recovery.",
            "",
            "The PTF, the TableAggregateFunction, the DataStream bridge inside SQL (toDataStream,"
                    + " a keyed operator, fromDataStream), the bare DataStream job and the built-in SQL OVER run"
                    + " on the same generated input (no pacing, parallelism 1, a checkpoint per second). For"
                    + " each: rows/s, the ratios to the bare DataStream job and to the bridge, checkpoint size"
                    + " and time, and the recovery time after one failure; every row's running sum is checked."
                    + " Writes target/bench/results.csv and prints a Markdown table."
        })
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "1,000,000 rows, 1 and 100,000 keys, heap state: under 3 minutes.")
    boolean quick;

    @Option(names = "--rows", paramLabel = "N", description = "Rows per run (default: 2,000,000; --quick: 1,000,000).")
    Long rows;

    @Option(names = "--keys", paramLabel = "K,...", split = ",", description = "Numbers of keys (default: 1,1000,100000; --quick: 1,100000).")
    List<Integer> keys;

    @Option(names = "--backend", paramLabel = "B,...", split = ",", description = "State backends: hashmap, rocksdb (default: both; --quick: hashmap).")
    List<String> backends;

    @Option(names = "--impl", paramLabel = "I,...", split = ",", converter = ImplConverter.class,
            description = "Implementations: ptf, tableagg, datastream-bridge, datastream, over (default: all).")
    List<Impl> impls;

    /** {@code datastream-bridge} on the command line is {@link Impl#DATASTREAM_BRIDGE}. */
    static final class ImplConverter implements picocli.CommandLine.ITypeConverter<Impl> {
        @Override
        public Impl convert(String value) {
            return Impl.of(value);
        }
    }

    @Option(names = "--rotations", paramLabel = "R", defaultValue = "3", description = "Runs of each implementation, interleaved (default: ${DEFAULT-VALUE}).")
    int rotations;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "A Flink setting for every job (repeatable). By default the jobs run with the demo"
                    + " script's object reuse and compressed snapshots.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--csv", paramLabel = "FILE", defaultValue = "target/bench/results.csv", description = {"Where the results go.", "Default: ${DEFAULT-VALUE}"})
    Path csv;

    @Option(names = "--checkpoints", paramLabel = "DIR", defaultValue = "/tmp/flink-checkpoint-demo/bench-checkpoints",
            description = {"Where the jobs keep their checkpoints.", "Default: ${DEFAULT-VALUE}"})
    Path checkpoints;

    @Option(names = "--verbose", description = "Show stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() {
        final Map<String, String> flink = new LinkedHashMap<>(Benchmark.SCRIPT_SETTINGS);
        flink.put("execution.checkpointing.dir", checkpoints.toAbsolutePath().toUri().toString());
        flink.putAll(settings);
        final Benchmark.Settings run =
                new Benchmark.Settings(
                        rows != null ? rows : quick ? 1_000_000 : 2_000_000,
                        keys != null ? keys : quick ? List.of(1, 100_000) : List.of(1, 1_000, 100_000),
                        backends != null ? backends : quick ? List.of("hashmap") : List.of("hashmap", "rocksdb"),
                        rotations,
                        impls != null ? impls : Arrays.asList(Impl.values()),
                        flink);
        System.out.printf("Benchmark: %,d rows per run, keys %s, state %s, %d rotations%s%n",
                run.rows(), run.keys(), run.backends(), run.rotations(),
                run.flink().isEmpty() ? "" : ", " + run.flink());
        return Cli.onEmbeddedCluster(
                verbose,
                false,
                cluster -> {
                    Cli.logToFileOnly();
                    final List<BenchResult> results = new Benchmark(cluster, System.out).run(run, csv);
                    System.out.println();
                    System.out.print(BenchResult.markdown(results));
                    System.out.println();
                    System.out.println("Written to " + csv);
                    return Cli.OK;
                });
    }
}
