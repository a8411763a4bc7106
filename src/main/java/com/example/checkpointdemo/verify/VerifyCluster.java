package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.cluster.LocalFlinkCluster;
import com.example.checkpointdemo.cluster.ObjectStore;
import com.example.checkpointdemo.cluster.ProcessHome;
import com.example.checkpointdemo.kafka.KafkaForRun;
import com.example.checkpointdemo.plumbing.ClusterAddress;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster a verification runs on, of its own, and the systems around it: a JobManager (with
 * high availability, ZooKeeper and a standby JobManager) and TaskManagers of two slots each, enough
 * for the job to run on when one is lost, as processes on free ports, reached through the leader
 * (followed across a failover), each job shipping the project's classes (the verifier's own
 * functions, such as {@code PACE_ROWS}); where the script needs them, an object store (S3Proxy)
 * for its {@code s3://} checkpoints and a Kafka broker for its topics.
 */
public record VerifyCluster(LocalFlinkCluster cluster, ClusterAddress address, @Nullable KafkaForRun kafka) implements AutoCloseable {

    /** Slots a TaskManager offers (conf/cluster/config.yaml). */
    static final int SLOTS = 2;

    /**
     * How many TaskManagers a job of {@code parallelism} needs so that it runs on again when one is
     * lost: enough slots without one of them (two at least).
     */
    public static int taskManagersFor(int parallelism) {
        return Math.max(2, (parallelism + SLOTS - 1) / SLOTS + 1);
    }

    /**
     * Starts the cluster under {@code home} with {@code taskManagers} TaskManagers, with {@code
     * objectStore} first an S3-compatible store for its checkpoints; returns once it serves.
     */
    public static VerifyCluster start(Path home, boolean highAvailability, int taskManagers, boolean objectStore)
            throws IOException, InterruptedException {
        final LocalFlinkCluster cluster = LocalFlinkCluster.of(home);
        cluster.start(taskManagers, new LocalFlinkCluster.Ports(ProcessHome.freePortPair(), ProcessHome.freePortPair(),
                ProcessHome.freePortPair(), objectStore ? ProcessHome.freePortPair() : 0), highAvailability, objectStore);
        return new VerifyCluster(cluster, cluster.followingLeader().withClientSettings(Map.of("pipeline.jars",
                Path.of("target/udf-demo.jar").toAbsolutePath().toUri().toString())), null);
    }

    /** The same cluster, its scripts' Kafka tables on {@code kafka}'s broker. */
    public VerifyCluster withKafka(KafkaForRun kafka) {
        return new VerifyCluster(cluster, address, kafka);
    }

    /** The cluster's object store, when it was started with one. */
    public Optional<ObjectStore> objectStore() {
        return cluster.objectStore();
    }

    /** Stops every process the cluster started, and the broker when it is the verification's own. */
    @Override
    public void close() {
        try {
            cluster.stop();
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }
}
