package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.plumbing.Directories;
import com.example.checkpointdemo.plumbing.Text;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A MiniCluster in this JVM with its REST endpoint and Flink's Web UI on 127.0.0.1, so the demo
 * needs no Flink install and is submitted to, inspected and looked at exactly like a real cluster.
 */
public final class EmbeddedCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCluster.class);

    private static final String LOOPBACK = "127.0.0.1";

    /** How many completed checkpoints of a job the embedded cluster keeps ({@code execution.checkpointing.num-retained}). */
    public static final int RETAINED_CHECKPOINTS = 100;

    private final MiniCluster miniCluster;
    private final URI restAddress;

    private EmbeddedCluster(MiniCluster miniCluster, URI restAddress) {
        this.miniCluster = miniCluster;
        this.restAddress = restAddress;
    }

    /** Starts one TaskManager with {@code slots} slots and a REST endpoint on a free port. */
    public static EmbeddedCluster start(int slots) throws Exception {
        final MiniCluster miniCluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(loopbackOnly())
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .setCommonBindAddress(LOOPBACK)
                                .build());
        miniCluster.start();
        try {
            final EmbeddedCluster cluster = new EmbeddedCluster(miniCluster, miniCluster.getRestAddress().get());
            LOG.info("{}", Text.format("Embedded Flink cluster started; REST API and Web UI at %s", cluster.address()));
            return cluster;
        } catch (Exception e) {
            miniCluster.close();
            throw e;
        }
    }

    /** Starts a cluster as {@link #start} does, on another thread. */
    public static CompletableFuture<EmbeddedCluster> startInBackground(int slots) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return start(slots);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Stops the cluster {@link #startInBackground} starts, once it has started (if it did). */
    public static void stop(CompletableFuture<EmbeddedCluster> starting) throws Exception {
        final EmbeddedCluster cluster;
        try {
            cluster = starting.join();
        } catch (CompletionException e) {
            return; // it never started; whoever needed it has been told why
        }
        cluster.close();
    }

    /**
     * A cluster configuration whose endpoints listen on 127.0.0.1 only, REST on a free port, whose
     * REST API answers with fresh job facts (by default it caches them for 3 s), whose Web UI
     * shows jobs but takes no jars (anyone who reaches the port could run code with them), and
     * which keeps every completed checkpoint of a running job.
     */
    public static Configuration loopbackOnly() {
        final Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        config.set(RestOptions.ADDRESS, LOOPBACK);
        config.set(RestOptions.BIND_PORT, "0");
        // The BLOB server binds to jobmanager.bind-host, or to every interface without it.
        config.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        config.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        config.set(WebOptions.REFRESH_INTERVAL, Duration.ofMillis(100));
        // Keep every checkpoint of a run in the REST history, not only the last 10.
        config.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 1000);
        config.set(WebOptions.SUBMIT_ENABLE, false);
        // Every completed checkpoint stays until its job ends: the report copies each as it completes,
        // and a later one must not delete it meanwhile. Flink sizes the completed-checkpoint store
        // from the JobManager's configuration: a job's own SET of this key does not reach it.
        config.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, RETAINED_CHECKPOINTS);
        // A folder of its own for the Web UI's files: by default every MiniCluster shares
        // /tmp/flink-web-ui, and the first to stop deletes it under the others.
        config.set(WebOptions.TMP_DIR, tempDirectory("flink-web-ui-"));
        return config;
    }

    private static String tempDirectory(String prefix) {
        try {
            final java.nio.file.Path directory = java.nio.file.Files.createTempDirectory(prefix);
            // Flink fills it and leaves it: gone when the JVM ends, as nothing else in the temp folder stays.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Directories.delete(directory), "delete-" + directory.getFileName()));
            return directory.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create a temporary folder for the Web UI", e);
        }
    }

    /** Where to submit jobs to this cluster and read their facts. */
    public ClusterAddress address() {
        return ClusterAddress.of(restAddress.getHost(), restAddress.getPort());
    }

    @Override
    public void close() throws Exception {
        miniCluster.close();
    }
}
