package com.example.checkpointdemo.cluster;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A ZooKeeper, JobManager or TaskManager process the cluster started, known by the pid file it
 * wrote ({@code pids/<name>.pid}: the pid, and for a JobManager the port of its REST API). It is
 * "ours" only while its command line names our configuration directory: a pid the system has since
 * given to another program is never signalled.
 */
public record ClusterProcess(String name, long pid, @Nullable Integer restPort, Path pidFile, Path configDir) {

    static ClusterProcess write(Path pidFile, String name, long pid, @Nullable Integer restPort, Path configDir)
            throws IOException {
        Files.writeString(pidFile, pid + (restPort == null ? "" : " " + restPort) + "\n");
        return new ClusterProcess(name, pid, restPort, pidFile, configDir);
    }

    static ClusterProcess read(Path pidFile, Path configDir) {
        try {
            final String name = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
            final String[] fields = Files.readString(pidFile).strip().split("\\s+");
            return new ClusterProcess(name, Long.parseLong(fields[0]),
                    fields.length > 1 ? Integer.valueOf(fields[1]) : null, pidFile, configDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        }
    }

    /** Whether this is a JobManager. */
    public boolean isJobManager() {
        return name.startsWith("jobmanager");
    }

    /** Whether this is a TaskManager. */
    public boolean isTaskManager() {
        return name.startsWith("taskmanager");
    }

    /** Whether the process runs, and is still the one we started. */
    public boolean isAlive() {
        return handle().isPresent();
    }

    /** SIGKILL, as a crashed machine would end it; returns once it is gone. */
    void kill() {
        handle().ifPresent(
                process -> {
                    process.destroyForcibly();
                    awaitExit(process, Duration.ofSeconds(10));
                });
    }

    /** SIGTERM, then SIGKILL if it is still there after {@code grace}; false if it was not running. */
    boolean terminate(Duration grace) {
        final Optional<ProcessHandle> process = handle();
        if (process.isEmpty()) {
            return false;
        }
        process.get().destroy();
        if (!awaitExit(process.get(), grace)) {
            process.get().destroyForcibly();
            awaitExit(process.get(), Duration.ofSeconds(10));
        }
        return true;
    }

    /** Removes the pid file. */
    void forget() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + pidFile, e);
        }
    }

    private Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(line -> line.contains(configDir.toString())).orElse(false));
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return !process.isAlive();
        }
    }

    @Override
    public String toString() {
        return name + " pid " + pid;
    }
}
