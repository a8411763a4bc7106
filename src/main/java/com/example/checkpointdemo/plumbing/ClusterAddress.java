package com.example.checkpointdemo.plumbing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;

/** Where a Flink cluster's REST endpoint (and Web UI) listens: jobs are submitted and inspected there. */
public record ClusterAddress(String host, int port) {

    /** The address a client configuration points at ({@code rest.address}, {@code rest.port}). */
    public static ClusterAddress of(Configuration clientConfig) {
        return new ClusterAddress(clientConfig.get(RestOptions.ADDRESS), clientConfig.get(RestOptions.PORT));
    }

    /** What a client needs to submit jobs here: target {@code remote} at this endpoint. */
    public Configuration clientConfiguration() {
        final Configuration config = new Configuration();
        config.set(DeploymentOptions.TARGET, "remote");
        config.set(RestOptions.ADDRESS, host);
        config.set(RestOptions.PORT, port);
        return config;
    }

    /**
     * The Web UI's page of a job's checkpoints (history, "Latest Restore"); a finished job is under
     * {@code completed}, a running one under {@code running}.
     */
    public String checkpointsPage(String jobId, boolean finished) {
        return this + "/#/job/" + (finished ? "completed" : "running") + "/" + jobId + "/checkpoints";
    }

    @Override
    public String toString() {
        return "http://" + host + ":" + port;
    }
}
