package com.example.checkpointdemo.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One server process of a home ({@link ProcessHome}), known by its name: launched and awaited
 * until it answers (ended again if it never does), killed as an outage would, stopped, and asked
 * whether it runs. The broker and the object store are each one of these.
 */
public final class OwnServer {

    private final ProcessHome processes;
    private final String name;
    private final String what;
    private final Duration startupTimeout;
    private final Duration stopTimeout;

    /** Process {@code name} of {@code processes}; {@code what} names it in messages ("Kafka broker"). */
    public OwnServer(ProcessHome processes, String name, String what, Duration startupTimeout, Duration stopTimeout) {
        this.processes = processes;
        this.name = name;
        this.what = what;
        this.startupTimeout = startupTimeout;
        this.stopTimeout = stopTimeout;
    }

    /** Starts {@code command} and returns once {@code answers} holds; a process that never answers is killed. */
    public void launch(List<String> command, String where, ProcessHome.Condition answers) throws IOException, InterruptedException {
        final ClusterProcess server = processes.launch(name, command, null);
        try {
            processes.awaitUntil("the " + what + " at " + where, List.of(server), startupTimeout, answers);
        } catch (RuntimeException | InterruptedException e) {
            server.kill();
            throw e;
        }
    }

    /** The process, if one was started here (alive or not). */
    public Optional<ClusterProcess> process() {
        return processes.process(name);
    }

    /** Whether it runs (and is the one started here). */
    public boolean isRunning() {
        return process().filter(ClusterProcess::isAlive).isPresent();
    }

    /** SIGKILL, as a machine failure would; its data stays. */
    public ClusterProcess kill() {
        return processes.kill(name, what);
    }

    /** SIGTERM (SIGKILL after the stop timeout); the process stopped, if one ran. */
    public Optional<ClusterProcess> stop() {
        return processes.stop(name, stopTimeout);
    }

    /** Its console log. */
    public Path log() {
        return processes.out(name);
    }
}
