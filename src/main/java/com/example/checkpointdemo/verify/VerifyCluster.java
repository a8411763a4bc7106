package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.cluster.LocalFlinkCluster;
import com.example.checkpointdemo.cluster.ProcessHome;
import com.example.checkpointdemo.plumbing.ClusterAddress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The cluster a verification runs on, of its own: a JobManager (with high availability, ZooKeeper
 * and a standby JobManager) and two TaskManagers of two slots each, as processes on free ports,
 * reached through the leader (followed across a failover), each job shipping the project's
 * classes (the verifier's own functions, such as {@code PACE_ROWS}).
 */
public record VerifyCluster(LocalFlinkCluster cluster, ClusterAddress address) implements AutoCloseable {

    /** How many TaskManagers: a job keeps running on one when the other is killed. */
    static final int TASK_MANAGERS = 2;

    /** Starts the cluster under {@code home}; returns once it serves. */
    public static VerifyCluster start(Path home, boolean highAvailability) throws IOException, InterruptedException {
        final LocalFlinkCluster cluster = LocalFlinkCluster.of(home);
        cluster.start(TASK_MANAGERS, new LocalFlinkCluster.Ports(ProcessHome.freePortPair(), ProcessHome.freePortPair(),
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
