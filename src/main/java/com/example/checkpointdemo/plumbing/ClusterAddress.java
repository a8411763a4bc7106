package com.example.checkpointdemo.plumbing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Where a Flink cluster's REST endpoint (and Web UI) listens: jobs are submitted and inspected
 * there. The address of a cluster still starting is known once it has started: asking for it
 * waits until then, so a script can be planned while its cluster starts.
 */
public final class ClusterAddress {

    private final CompletableFuture<URI> endpoint;

    private ClusterAddress(CompletableFuture<URI> endpoint) {
        this.endpoint = endpoint;
    }

    /** The cluster whose REST endpoint is at {@code host:port}. */
    public static ClusterAddress of(String host, int port) {
        return new ClusterAddress(CompletableFuture.completedFuture(URI.create("http://" + host + ":" + port)));
    }

    /** The address a client configuration points at ({@code rest.address}, {@code rest.port}). */
    public static ClusterAddress of(Configuration clientConfig) {
        return of(clientConfig.get(RestOptions.ADDRESS), clientConfig.get(RestOptions.PORT));
    }

    /** The address of a cluster that is starting: known when {@code started} completes with it. */
    public static ClusterAddress once(CompletableFuture<ClusterAddress> started) {
        return new ClusterAddress(started.thenCompose(address -> address.endpoint));
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
