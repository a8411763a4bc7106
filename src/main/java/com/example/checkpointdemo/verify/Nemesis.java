package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.plumbing.Text;

import com.example.checkpointdemo.cluster.ClusterProcess;
import com.example.checkpointdemo.cluster.LocalFlinkCluster;
import com.example.checkpointdemo.cluster.ObjectStore;
import com.example.checkpointdemo.kafka.KafkaBroker;

import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.HeartbeatManagerOptions;

import javax.annotation.Nullable;

import java.io.IOException;
import java.time.Duration;

/**
 * The faults, done to the real processes of the cluster the runs go on and of the systems around
 * it (its Kafka broker, its object store), and all made whole again after each run: a killed
 * TaskManager started again under its name, a killed JobManager started again as the standby, a
 * broker or store that is not running started again with its data.
 */
final class Nemesis {

    /** How much longer than the heartbeat timeout a paused TaskManager stands still: long enough to be declared lost. */
    private static final Duration PAST_THE_TIMEOUT = Duration.ofSeconds(2);

    /**
     * How long a paused broker stands still: several checkpoint intervals (checkpoints stall or
     * fail meanwhile), short of the producers' 30 s request timeout.
     */
    static final Duration BROKER_PAUSE = Duration.ofSeconds(8);

    private final LocalFlinkCluster cluster;
    private final @Nullable KafkaBroker broker;

    /** Faults on {@code cluster}, and on {@code broker} (null: the runs have none of their own). */
    Nemesis(LocalFlinkCluster cluster, @Nullable KafkaBroker broker) {
        this.cluster = cluster;
        this.broker = broker;
    }

    /**
     * What a fault did, to which process (in the reader's language), when it began and when it was
     * over (epoch milliseconds, this machine's clock: a killed process at once, a paused one when let
     * go, a killed server started again once it serves).
     */
    record Done(String what, long at, long until) {

        Done(String what, long at) {
            this(what, at, System.currentTimeMillis());
        }
    }

    /** How a server of the systems around Flink is started again with its data. */
    private interface Restart {
        void run() throws IOException, InterruptedException;
    }

    /**
     * Does {@code kind} to the cluster running job {@code jobId}; returns once it is done (a paused
     * TaskManager has been let go again).
     */
    Done apply(Fault.Kind kind, String jobId) throws IOException, InterruptedException {
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
            case BROKER_KILL -> {
                final KafkaBroker killed = broker();
                return killAndRestart(killed::kill, killed::restart, "killed %s (SIGKILL), started again with its data, serving %.1f s later", at);
            }
            case BROKER_STOP -> {
                final ClusterProcess paused = broker().process().orElseThrow(() -> new IllegalStateException("the broker does not run"));
                try {
                    paused.pause();
                    Thread.sleep(BROKER_PAUSE.toMillis());
                } finally {
                    resumeQuietly(paused);
                }
                return new Done(Text.format("paused %s (SIGSTOP) for %.1f s, then SIGCONT", paused, BROKER_PAUSE.toMillis() / 1000.0), at);
            }
            case STORE_RESTART -> {
                final ObjectStore store = cluster.objectStore().orElseThrow(() -> new IllegalStateException("the cluster has no object store"));
                return killAndRestart(store::kill, store::restart, "killed %s (SIGKILL), started again with its objects, serving %.1f s later", at);
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /** Kills a server ({@code kill}), starts it again, and tells it with {@code told} (the process, the seconds until it served again). */
    private static Done killAndRestart(java.util.function.Supplier<ClusterProcess> kill, Restart restart, String told, long at)
            throws IOException, InterruptedException {
        final ClusterProcess killed = kill.get();
        final long restarting = System.nanoTime();
        restart.run();
        return new Done(Text.format(told, killed, (System.nanoTime() - restarting) / 1e9), at);
    }

    /** Makes the cluster whole again: every TaskManager running (none left paused) and registered, and with HA a standby JobManager. */
    void heal() throws IOException, InterruptedException {
        cluster.processes().stream().filter(ClusterProcess::isTaskManager).filter(ClusterProcess::isAlive).forEach(Nemesis::resumeQuietly);
        cluster.restartTaskManagers();
        if (cluster.isHighlyAvailable() && cluster.jobManagers().stream().anyMatch(jm -> !jm.isAlive())) {
            cluster.startJobManager();
        }
        if (broker != null) {
            broker.process().filter(ClusterProcess::isAlive).ifPresent(Nemesis::resumeQuietly);
            if (!broker.isRunning()) {
                broker.restart();
            }
        }
        final ObjectStore store = cluster.objectStore().orElse(null);
        if (store != null && !store.isRunning()) {
            store.restart();
        }
    }

    private KafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("the runs have no Kafka broker of their own");
        }
        return broker;
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
