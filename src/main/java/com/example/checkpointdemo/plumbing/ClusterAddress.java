package com.example.checkpointdemo.plumbing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Where a Flink cluster's REST endpoint (and Web UI) listens: jobs are submitted and inspected
 * there. The address of a cluster still starting is known once it has started: asking for it
 * waits until then, so a script can be planned while its cluster starts.
 */
public final class ClusterAddress {

    private final Supplier<URI> endpoint;
    /** What a client needs besides the endpoint (e.g. the HA services that name the next leader). */
    private final Map<String, String> clientSettings;

    private ClusterAddress(Supplier<URI> endpoint) {
        this(endpoint, Map.of());
    }

    private ClusterAddress(Supplier<URI> endpoint, Map<String, String> clientSettings) {
        this.endpoint = endpoint;
        this.clientSettings = clientSettings;
    }

    /**
     * The same cluster, its clients configured with {@code settings} too: e.g. the {@code
     * high-availability.*} settings with which a job's client finds the next leader itself, or the
     * {@code pipeline.jars} a cluster without our classes needs.
     */
    public ClusterAddress withClientSettings(Map<String, String> settings) {
        final Map<String, String> all = new java.util.TreeMap<>(clientSettings);
        all.putAll(settings);
        return new ClusterAddress(endpoint, Map.copyOf(all));
    }

    /** The cluster whose REST endpoint is at {@code host:port}. */
    public static ClusterAddress of(String host, int port) {
        final URI endpoint = URI.create("http://" + host + ":" + port);
        return new ClusterAddress(() -> endpoint);
    }

    /**
     * A cluster whose REST endpoint moves, asked of {@code current} each time it is needed: the
     * leading JobManager of a highly available cluster, which another one replaces when it dies.
     */
    public static ClusterAddress following(Supplier<ClusterAddress> current) {
        return new ClusterAddress(() -> current.get().endpoint());
    }

    /** The address a client configuration points at ({@code rest.address}, {@code rest.port}). */
    public static ClusterAddress of(Configuration clientConfig) {
        return of(clientConfig.get(RestOptions.ADDRESS), clientConfig.get(RestOptions.PORT));
    }

    /** The address of a cluster that is starting: known when {@code started} completes with it. */
    public static ClusterAddress once(CompletableFuture<ClusterAddress> started) {
        final CompletableFuture<URI> endpoint = started.thenApply(ClusterAddress::endpoint);
        return new ClusterAddress(() -> join(endpoint));
    }

    /** The REST endpoint's host; waits for a starting cluster. */
    public String host() {
        return endpoint().getHost();
    }

    /** The REST endpoint's port; waits for a starting cluster. */
    public int port() {
        return endpoint().getPort();
    }

    /** What a client needs to submit jobs here: target {@code remote} at this endpoint. */
    public Configuration clientConfiguration() {
        final Configuration config = new Configuration();
        config.set(DeploymentOptions.TARGET, "remote");
        config.set(RestOptions.ADDRESS, host());
        config.set(RestOptions.PORT, port());
        clientSettings.forEach(config::setString);
        return config;
    }

    /**
     * The Web UI's page of a job's checkpoints (history, "Latest Restore"); a finished job is under
     * {@code completed}, a running one under {@code running}.
     */
    public String checkpointsPage(String jobId, boolean finished) {
        return this + "/#/job/" + (finished ? "completed" : "running") + "/" + jobId + "/checkpoints";
    }

    private URI endpoint() {
        return endpoint.get();
    }

    private static URI join(CompletableFuture<URI> endpoint) {
        try {
            return endpoint.join();
        } catch (CompletionException e) {
            // A cluster that failed to start: its own exception says why.
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public String toString() {
        return endpoint().toString();
    }
}
