package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.plumbing.ClusterAddress;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * A stream environment that submits to {@code cluster}, asking for its address only when a job is
 * submitted: a script is planned (seconds of it) while its embedded cluster is still starting.
 */
final class ClusterEnvironment extends StreamExecutionEnvironment {

    private final ClusterAddress cluster;

    ClusterEnvironment(ClusterAddress cluster, Configuration settings) {
        super(settings);
        this.cluster = cluster;
    }

    @Override
    public JobClient executeAsync(StreamGraph streamGraph) throws Exception {
        configuration.addAll(cluster.clientConfiguration());
        return super.executeAsync(streamGraph);
    }
}
