package com.example.checkpointdemo.report;

import com.example.checkpointdemo.evidence.JobWatcher;
import com.example.checkpointdemo.kafka.KafkaForRun;
import com.example.checkpointdemo.cluster.ObjectStore;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.runner.ScriptRunner;
import com.example.checkpointdemo.runner.Variant;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where runs happen and what they leave: the cluster, the timeline page (with the copies of
 * restored checkpoints in {@code restored-checkpoints/} beside it), the directory the scripts' relative
 * paths resolve against, settings that override the scripts' own (a test's checkpoint directory),
 * whether the print sink's rows stay on the console, the Kafka broker the scripts' Kafka tables
 * use (null: the one they name), and the object store that holds the checkpoints (null: where the
 * scripts say) and, if {@code fileTablesInStore}, the file tables too.
 */
public record Workspace(
        ClusterAddress cluster,
        Path timeline,
        Path baseDirectory,
        Map<String, String> settings,
        boolean echo,
        @Nullable KafkaForRun kafka,
        @Nullable ObjectStore store,
        boolean fileTablesInStore) {

    /** bin/demo's: the working directory, the scripts' own settings, the rows on the console. */
    public static Workspace of(ClusterAddress cluster, Path timeline) {
        return new Workspace(cluster, timeline, Path.of(""), Map.of(), true, null, null, false);
    }

    /** The same, with the timeline page at {@code file}. */
    public Workspace withTimeline(Path file) {
        return new Workspace(cluster, file, baseDirectory, settings, echo, kafka, store, fileTablesInStore);
    }

    /** The same, printing nothing of the print sink's rows. */
    public Workspace quiet() {
        return new Workspace(cluster, timeline, baseDirectory, settings, false, kafka, store, fileTablesInStore);
    }

    /** The same, its Kafka tables on {@code broker}. */
    public Workspace withKafka(KafkaForRun broker) {
        return new Workspace(cluster, timeline, baseDirectory, settings, echo, broker, store, fileTablesInStore);
    }

    /** The same, its checkpoints, savepoints and file tables in {@code objectStore}. */
    public Workspace withObjectStore(ObjectStore objectStore) {
        return new Workspace(cluster, timeline, baseDirectory, settings, echo, kafka, objectStore, true);
    }

    /** The same, with only the checkpoints and savepoints in the object store: the file tables stay where the scripts say. */
    public Workspace checkpointsOnlyInStore() {
        return new Workspace(cluster, timeline, baseDirectory, settings, echo, kafka, store, false);
    }

    /** A runner for this workspace that keeps the sum the {@code variant} way, failing at {@code failOn} (null: as the script says). */
    public ScriptRunner runner(Variant variant, @Nullable Integer failOn) {
        final ScriptRunner runner = new ScriptRunner(cluster, variant, failOn).baseDirectory(baseDirectory)
                .setAll(settings, "this workspace's own folders and timings");
        if (kafka != null) {
            runner.kafkaBootstrapServers(kafka.bootstrapServers(), kafka.why());
            if (kafka.topicSuffix() != null) {
                runner.kafkaSuffix(kafka.topicSuffix(), "a broker other runs may share: this run's topics, group and transactions its own");
            }
        }
        if (store != null) {
            final String why = "--s3: in the run's object store at " + store.endpoint();
            runner.set("execution.checkpointing.dir", ObjectStore.uri("checkpoints"), why)
                    .set("execution.checkpointing.savepoint-dir", ObjectStore.uri("savepoints"), why);
            if (fileTablesInStore) {
                runner.fileTablesIn(ObjectStore.uri(""), why);
            }
        }
        return runner;
    }

    /** Runs {@code script} with {@code runner} and gathers its evidence. */
    public RunEvidence run(Path script, ScriptRunner runner) {
        return run(script, runner, new JobWatcher.Listener() {});
    }

    /** The same, {@code listener} hearing the failover as the run's watcher sees it. */
    public RunEvidence run(Path script, ScriptRunner runner, JobWatcher.Listener listener) {
        return new RecoveryRun(cluster, checkpointCopies(), echo).run(script, runner, listener);
    }

    /** Where copies of restored checkpoints are kept: beside the timeline, in restored-checkpoints/. */
    public Path checkpointCopies() {
        return checkpointCopiesBeside(timeline);
    }

    /** Where a run whose timeline is {@code timeline} keeps the copies of restored checkpoints. */
    public static Path checkpointCopiesBeside(Path timeline) {
        return timeline.toAbsolutePath().getParent().resolve("restored-checkpoints");
    }
}
