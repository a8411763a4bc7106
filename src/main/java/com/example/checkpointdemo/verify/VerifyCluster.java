package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.cluster.LocalFlinkCluster;
import com.example.checkpointdemo.cluster.ProcessHome;
import com.example.checkpointdemo.plumbing.ClusterAddress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The cluster a verification runs on, of its own: a JobManager (with high availability, ZooKeeper
 * and a standby JobManager) and TaskManagers of two slots each, enough for the job to run on when
 * one is lost, as processes on free ports,
 * reached through the leader (followed across a failover), each job shipping the project's
 * classes (the verifier's own functions, such as {@code PACE_ROWS}).
 */
public record VerifyCluster(LocalFlinkCluster cluster, ClusterAddress address) implements AutoCloseable {

    /** Slots a TaskManager offers (conf/cluster/config.yaml). */
    static final int SLOTS = 2;

    /**
     * How many TaskManagers a job of {@code parallelism} needs so that it runs on again when one is
     * lost: enough slots without one of them (two at least).
     */
    public static int taskManagersFor(int parallelism) {
        return Math.max(2, (parallelism + SLOTS - 1) / SLOTS + 1);
    }

    /** Starts the cluster under {@code home} with {@code taskManagers} TaskManagers; returns once it serves. */
    public static VerifyCluster start(Path home, boolean highAvailability, int taskManagers) throws IOException, InterruptedException {
        final LocalFlinkCluster cluster = LocalFlinkCluster.of(home);
        cluster.start(taskManagers, new LocalFlinkCluster.Ports(ProcessHome.freePortPair(), ProcessHome.freePortPair(),
                ProcessHome.freePortPair(), 0), highAvailability, false);
        return new VerifyCluster(cluster, cluster.followingLeader().withClientSettings(Map.of("pipeline.jars",
                Path.of("target/udf-demo.jar").toAbsolutePath().toUri().toString())));
    }

    /** Stops every process the cluster started. */
    @Override
    public void close() {
        cluster.stop();
    }
}
