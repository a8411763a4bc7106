package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.savepoint.StateLayout;
import com.example.checkpointdemo.kafka.KafkaTopics;

import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.core.execution.JobClient;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A script's job while it runs, for an action on it: its client, the settings it runs with (the
 * script's included), its file sinks with the files they had before it started (hidden ones
 * too), its Kafka sinks with where their topics ended before it, and where it keeps its running
 * sum (null: unknown).
 */
public record RunningJob(
        JobClient client,
        ReadableConfig config,
        List<FileTable> sinks,
        Map<String, Set<org.apache.flink.core.fs.Path>> filesBefore,
        KafkaOutputs kafkaSinks,
        @Nullable StateLayout stateLayout) {

    /** The job's state backend, as a reader of its checkpoints needs it: see {@link #stateBackendOf}. */
    public String stateBackend() {
        return stateBackendOf(config);
    }

    /** {@code hashmap}, {@code rocksdb} or {@code forst}; {@code changelog} when the changelog wraps one of them. */
    static String stateBackendOf(ReadableConfig config) {
        return config.get(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG) ? "changelog" : config.get(StateBackendOptions.STATE_BACKEND);
    }

    /**
     * Where the job keeps its checkpoints ({@code <execution.checkpointing.dir>/<job id>}); empty
     * when it has no checkpoint directory.
     */
    public java.util.Optional<org.apache.flink.core.fs.Path> checkpointFolder() {
        return config.getOptional(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY)
                .map(dir -> new org.apache.flink.core.fs.Path(dir, id()));
    }

    /** The job's id, as the REST API spells it. */
    public String id() {
        return client.getJobID().toString();
    }

    /**
     * Waits until a file sink has committed a row: an exactly-once sink commits only what a
     * completed checkpoint covers, so from then on the latest checkpoint holds rows. Fails when
     * the job ends first or {@code timeout} passes.
     */
    public void awaitCommittedRow(Duration timeout) throws Exception {
        await(timeout, "committed a row", "committed no row", this::hasCommittedRow);
    }

    /**
     * Waits until a file sink has begun a part file it has not committed (the file sink keeps it
     * hidden while in progress): the job has written rows that only a checkpoint will commit. File
     * sinks only. Fails when the job ends first or {@code timeout} passes.
     */
    public void awaitUncommittedRow(Duration timeout) throws Exception {
        await(timeout, "wrote a row", "wrote no row", () -> sinks.stream().anyMatch(sink -> sink.listHiddenFiles().stream()
                .anyMatch(file -> file.getName().startsWith(".part-")
                        && !filesBefore.getOrDefault(sink.name(), Set.of()).contains(file))));
    }

    /** Waits until {@code done}; the errors say what the job had to do ({@code did}) and had not ({@code didNot}). */
    private void await(Duration timeout, String did, String didNot, java.util.function.BooleanSupplier done) throws Exception {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (client.getJobStatus().get().isGloballyTerminalState()) {
                throw new IllegalStateException("job " + id() + " ended before it " + did);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + id() + " " + didNot + " within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Waits until the Kafka sink {@code table} has written {@code records} records since the job
     * started, as a consumer with {@code isolation} sees them; fails when the job ends first or
     * {@code timeout} passes.
     */
    public void awaitKafkaRecords(String table, int records, KafkaTopics.Isolation isolation, Duration timeout) throws Exception {
        final int[] seen = {0};
        awaitKafkaRecord(table, value -> ++seen[0] >= records, isolation, timeout);
    }

    /** How many records the Kafka sink {@code table} has written since the job started, as {@code isolation} sees them. */
    public int kafkaRecords(String table, KafkaTopics.Isolation isolation) {
        final KafkaTable sink = kafkaSink(table);
        try (KafkaTopics topics = new KafkaTopics(sink.bootstrapServers())) {
            return topics.read(sink.topic(), kafkaSinks.before(sink), isolation).size();
        }
    }

    private KafkaTable kafkaSink(String table) {
        return kafkaSinks.sinks().stream().filter(t -> t.name().equals(table)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("job " + id() + " writes to no Kafka table " + table));
    }

    /**
     * Waits until the Kafka sink {@code table} has written, since the job started, a record whose
     * value passes {@code wanted}, as a consumer with {@code isolation} sees it; fails when the job
     * ends first or {@code timeout} passes.
     */
    public void awaitKafkaRecord(String table, java.util.function.Predicate<String> wanted, KafkaTopics.Isolation isolation,
            Duration timeout) throws Exception {
        final KafkaTable sink = kafkaSink(table);
        try (KafkaTopics topics = new KafkaTopics(sink.bootstrapServers())) {
            topics.awaitRecord(sink.topic(), kafkaSinks.before(sink), wanted, isolation, timeout,
                    () -> client.getJobStatus().get().isGloballyTerminalState());
        }
    }

    private boolean hasCommittedRow() {
        for (KafkaTable sink : kafkaSinks.sinks()) {
            try (KafkaTopics topics = new KafkaTopics(sink.bootstrapServers())) {
                if (!topics.read(sink.topic(), kafkaSinks.before(sink), KafkaTopics.Isolation.READ_COMMITTED).isEmpty()) {
                    return true;
                }
            }
        }
        for (FileTable sink : sinks) {
            for (org.apache.flink.core.fs.Path file : sink.listFiles()) {
                if (!filesBefore.getOrDefault(sink.name(), Set.of()).contains(file) && FileTable.length(file) > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
