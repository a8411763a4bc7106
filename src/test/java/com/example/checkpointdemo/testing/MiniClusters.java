package com.example.checkpointdemo.testing;

import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.runner.EmbeddedCluster;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster the integration tests share: as bin/demo's embedded one, on 127.0.0.1. */
public final class MiniClusters {

    private MiniClusters() {}

    /** One TaskManager with 4 slots (the rescale scenario needs 3), configured as bin/demo's. */
    public static MiniClusterExtension extension() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setConfiguration(EmbeddedCluster.loopbackOnly())
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(4)
                        .build());
    }

    /** Where the runner reaches {@code cluster}. */
    public static ClusterAddress address(MiniClusterExtension cluster) {
        return ClusterAddress.of(cluster.getClientConfiguration());
    }
}
