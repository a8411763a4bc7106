package com.example.checkpointdemo.cluster;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.highavailability.ClientHighAvailabilityServices;
import org.apache.flink.runtime.highavailability.HighAvailabilityServicesUtils;
import org.apache.flink.runtime.leaderelection.LeaderInformation;
import org.apache.flink.runtime.util.LeaderRetrievalUtils;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The leading JobManager of an HA cluster, as the cluster itself says: the REST address the leader
 * published in ZooKeeper ({@code /leader/rest_server}), read with Flink's own client services, as
 * the SQL Client and every Flink client find it.
 */
final class Leader {

    private static final Duration LOOKUP = Duration.ofSeconds(5);

    private Leader() {}

    /** The port of the leader's REST API, or empty when ZooKeeper names none (or cannot be reached). */
    static Optional<Integer> restPort(Path configDir) {
        final Configuration config = GlobalConfiguration.loadConfiguration(configDir.toString());
        try (ClientHighAvailabilityServices ha = HighAvailabilityServicesUtils.createClientHAService(config, error -> {})) {
            final LeaderInformation leader =
                    LeaderRetrievalUtils.retrieveLeaderInformation(ha.getClusterRestEndpointLeaderRetriever(), LOOKUP);
            return leader.isEmpty() ? Optional.empty() : Optional.of(URI.create(leader.getLeaderAddress()).getPort());
        } catch (Exception noLeader) {
            return Optional.empty();
        }
    }
}
