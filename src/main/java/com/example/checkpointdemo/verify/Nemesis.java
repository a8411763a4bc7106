package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.plumbing.Text;

import com.example.checkpointdemo.cluster.ClusterProcess;
import com.example.checkpointdemo.cluster.LocalFlinkCluster;

import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.HeartbeatManagerOptions;

import java.io.IOException;
import java.time.Duration;

/**
 * The faults, done to the real processes of the cluster the runs go on, and the cluster made
 * whole again after each run: a killed TaskManager started again under its name, a killed
 * JobManager started again as the standby.
 */
final class Nemesis {

    /** How much longer than the heartbeat timeout a paused TaskManager stands still: long enough to be declared lost. */
    private static final Duration PAST_THE_TIMEOUT = Duration.ofSeconds(2);

    private final LocalFlinkCluster cluster;

    Nemesis(LocalFlinkCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * What a fault did, to which process (in the reader's language), and when (epoch milliseconds,
     * this machine's clock).
     */
    record Done(String what, long at) {}

    /**
     * Does {@code kind} to the cluster running job {@code jobId}; returns once it is done (a paused
     * TaskManager has been let go again).
     */
    Done apply(Fault.Kind kind, String jobId) throws InterruptedException {
        final long at = System.currentTimeMillis();
        switch (kind) {
            case TM_KILL -> {
                final ClusterProcess killed = cluster.killTaskManagerRunning(jobId);
                return new Done(Text.format("killed %s (SIGKILL)", killed), at);
            }
            case TM_STOP -> {
                final ClusterProcess paused = cluster.taskManagerRunning(jobId);
                final Duration pause = heartbeatTimeout().plus(PAST_THE_TIMEOUT);
                try {
                    paused.pause();
                    Thread.sleep(pause.toMillis());
                } finally {
                    // Let it go on whatever happened meanwhile: a process left paused holds the run (heal tries again).
                    resumeQuietly(paused);
                }
                return new Done(Text.format("paused %s (SIGSTOP) for %.1f s, past the heartbeat timeout, then SIGCONT",
                        paused, pause.toMillis() / 1000.0), at);
            }
            case JM_KILL -> {
                final ClusterProcess killed = cluster.killLeadingJobManager();
                return new Done(Text.format("killed the leading %s (SIGKILL)", killed), at);
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /** Makes the cluster whole again: every TaskManager running (none left paused) and registered, and with HA a standby JobManager. */
    void heal() throws IOException, InterruptedException {
        cluster.processes().stream().filter(ClusterProcess::isTaskManager).filter(ClusterProcess::isAlive).forEach(Nemesis::resumeQuietly);
        cluster.restartTaskManagers();
        if (cluster.isHighlyAvailable() && cluster.jobManagers().stream().anyMatch(jm -> !jm.isAlive())) {
            cluster.startJobManager();
        }
    }

    private static void resumeQuietly(ClusterProcess process) {
        try {
            process.resume();
        } catch (RuntimeException gone) {
            // it ended meanwhile: nothing to let go
        }
    }

    /** The cluster's heartbeat timeout: a TaskManager silent for longer is declared lost. */
    Duration heartbeatTimeout() {
        return GlobalConfiguration.loadConfiguration(cluster.configDir().toString()).get(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT);
    }
}
