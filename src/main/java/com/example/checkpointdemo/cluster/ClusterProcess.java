package com.example.checkpointdemo.cluster;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A ZooKeeper, JobManager or TaskManager process the cluster started, known by the pid file it
 * wrote ({@code pids/<name>.pid}: the pid, for a JobManager the port of its REST API, and when the
 * process started). It is "ours" only while a process with that pid started then: a pid the system
 * has since given to another program is never signalled. The start time, not the command line,
 * tells: it is the kernel's from the fork on, while the command line is the JDK's spawn helper's
 * until the exec, a window that widens on a busy machine.
 */
public record ClusterProcess(
        String name, long pid, @Nullable Integer restPort, @Nullable Instant started, Path pidFile, Path configDir) {

    /** Records {@code process}, just launched, in {@code pidFile}. */
    static ClusterProcess write(Path pidFile, String name, Process process, @Nullable Integer restPort, Path configDir)
            throws IOException {
        final Instant started = process.toHandle().info().startInstant().orElse(null);
        Files.writeString(pidFile, process.pid() + " " + (restPort == null ? "-" : restPort)
                + " " + (started == null ? "-" : started.toEpochMilli()) + "\n");
        return new ClusterProcess(name, process.pid(), restPort, started, pidFile, configDir);
    }

    static ClusterProcess read(Path pidFile, Path configDir) {
        try {
            final String name = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
            final String[] fields = Files.readString(pidFile).strip().split("\\s+");
            return new ClusterProcess(name, Long.parseLong(fields[0]),
                    fields.length > 1 && !fields[1].equals("-") ? Integer.valueOf(fields[1]) : null,
                    fields.length > 2 && !fields[2].equals("-") ? Instant.ofEpochMilli(Long.parseLong(fields[2])) : null,
                    pidFile, configDir);
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
    public void kill() {
        handle().ifPresent(
                process -> {
                    process.destroyForcibly();
                    awaitExit(process, Duration.ofSeconds(10));
                });
    }

    /** SIGSTOP: the process stands still, its sockets open, as in a long GC pause or a network stall. */
    public void pause() {
        signal("-STOP");
    }

    /** SIGCONT: a paused process goes on where it stood. */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        final ProcessHandle process = handle().orElseThrow(() -> new ClusterException(this + " is not running"));
        try {
            final Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new ClusterException("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new ClusterException("cannot send " + signal + " to " + this + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while sending " + signal + " to " + this);
        }
    }

    /** SIGTERM, then SIGKILL if it is still there after {@code grace}; false if it was not running. */
    public boolean terminate(Duration grace) {
        final Optional<ProcessHandle> process = handle();
        if (process.isEmpty()) {
            return false;
        }
        // A paused process (SIGSTOP) would hold SIGTERM until the grace period ends: let it go on first.
        try {
            resume();
        } catch (ClusterException gone) {
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
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isTheOneStarted);
    }

    private boolean isTheOneStarted(ProcessHandle process) {
        if (started == null) {
            // No start time recorded: our configuration directory on its command line tells.
            return process.info().commandLine().map(line -> line.contains(configDir.toString())).orElse(false);
        }
        // Start times come in clock ticks; two readings of the same process agree within one.
        return process.info().startInstant()
                .map(at -> Math.abs(Duration.between(at, started).toMillis()) < 1_000)
                .orElse(false);
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
