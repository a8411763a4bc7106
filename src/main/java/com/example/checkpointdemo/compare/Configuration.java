package com.example.checkpointdemo.compare;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A checkpointing configuration of {@code bin/demo compare}: the script of its {@code SET} lines
 * ({@code sql/compare/NAME.sql}, the SQL Client's {@code -i}) and the job it runs them with.
 * {@code stateReadable}: whether Flink's State Processor API can read its checkpoints, so that the
 * run can be proven as {@code bin/demo} proves one.
 */
public record Configuration(String name, Path settings, Path job, String what, boolean stateReadable) {

    /** The job of every configuration but the backpressure ones. */
    public static final Path JOB = Path.of("sql/compare/job.sql");
    /** The job made to backpressure behind the keyed exchange. */
    public static final Path BACKPRESSURED_JOB = Path.of("sql/compare/job_backpressure.sql");

    /** Every configuration, in the order the table shows them. */
    public static final List<Configuration> ALL = List.of(
            of("hashmap", JOB, "heap state, a full snapshot at each checkpoint (the lesson's)"),
            of("rocksdb-full", JOB, "RocksDB, a full snapshot at each checkpoint"),
            of("rocksdb-incremental", JOB, "RocksDB, incremental checkpoints"),
            // Flink 2.3.0's State Processor API refuses changelog checkpoints (FLINK-37398).
            new Configuration("changelog", settingsOf("changelog"), JOB,
                    "the changelog over RocksDB, materialized every 2 s", false),
            of("forst", JOB, "ForSt, its SST files in the checkpoint storage"),
            of("local-recovery", JOB, "heap state, a local copy kept and restored from"),
            of("aligned", BACKPRESSURED_JOB, "aligned checkpoints, under backpressure"),
            of("unaligned", BACKPRESSURED_JOB, "unaligned checkpoints, under backpressure"),
            of("aligned-timeout", BACKPRESSURED_JOB, "aligned, unaligned after 300 ms, under backpressure"));

    private static Configuration of(String name, Path job, String what) {
        return new Configuration(name, settingsOf(name), job, what, true);
    }

    private static Path settingsOf(String name) {
        return Path.of("sql/compare/" + name.replace('-', '_') + ".sql");
    }

    /** The configuration called {@code name}. */
    public static Optional<Configuration> named(String name) {
        return ALL.stream().filter(configuration -> configuration.name().equals(name)).findFirst();
    }
}
