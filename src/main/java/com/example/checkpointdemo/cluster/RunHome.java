package com.example.checkpointdemo.cluster;

import com.example.checkpointdemo.plumbing.Directories;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The home of one run's own servers (a broker, an object store) under a folder that many runs
 * share ({@code target/kafka-run}, {@code target/s3-run}): {@code <base>/<time>-<pid>}, with
 * {@code owner.pid} naming the JVM of the run (pid and start time, as {@link ClusterProcess} knows
 * a process). Two runs at once have two homes and never touch each other's processes or data.
 *
 * <p>A run that was killed (SIGKILL) leaves its servers running: the next run stops those, by the
 * pid files in their home, only once that home's owner is gone. The homes of ended runs stay to
 * be looked at; of those, all but the {@value #ENDED_KEPT} newest are deleted.
 */
public final class RunHome {

    private static final Logger LOG = LoggerFactory.getLogger(RunHome.class);

    /** How many ended runs' homes stay under a base. */
    static final int ENDED_KEPT = 3;

    private static final String OWNER = "owner.pid";
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunHome() {}

    /**
     * A new home under {@code base} owned by this JVM, made after the orphans of killed runs under
     * it were stopped and the oldest ended homes deleted.
     */
    public static Path claim(Path base) throws IOException {
        final Path absolute = base.toAbsolutePath();
        Files.createDirectories(absolute);
        tidy(absolute);
        final long pid = ProcessHandle.current().pid();
        final String name = LocalDateTime.now().format(NAME) + "-" + pid;
        Path home = absolute.resolve(name);
        // A second run in the same JVM and second (a test's) gets a name of its own.
        for (int n = 2; !tryCreate(home); n++) {
            home = absolute.resolve(name + "-" + n);
        }
        final java.time.Instant started = ProcessHandle.current().info().startInstant().orElse(null);
        Files.writeString(home.resolve(OWNER), pid + " - " + (started == null ? "-" : started.toEpochMilli()) + "\n");
        return home;
    }

    private static boolean tryCreate(Path home) throws IOException {
        try {
            Files.createDirectory(home);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException taken) {
            return false;
        }
    }

    /** The name a run's home gives it: unique among runs (its time and its JVM's pid). */
    public static String runName(Path home) {
        return home.getFileName().toString();
    }

    /** Whether the run that owns {@code home} still runs. */
    static boolean ownerRuns(Path home) {
        final Path owner = home.resolve(OWNER);
        return Files.exists(owner) && ClusterProcess.read(owner, home).isAlive();
    }

    /** Stops the servers of homes whose run is gone, and deletes all but the newest ended homes. */
    private static void tidy(Path base) throws IOException {
        final List<Path> homes;
        try (Stream<Path> listed = Files.list(base)) {
            homes = listed.filter(home -> Files.exists(home.resolve(OWNER))).sorted(Comparator.reverseOrder()).toList();
        }
        int ended = 0;
        for (Path home : homes) {
            try {
                if (ownerRuns(home)) {
                    continue; // another run's, going on: not ours to touch
                }
                stopWhatItLeft(home);
            } catch (java.nio.file.NoSuchFileException | UncheckedIOException gone) {
                continue; // deleted meanwhile by another run tidying too
            }
            if (++ended > ENDED_KEPT) {
                try {
                    Directories.delete(home);
                } catch (UncheckedIOException e) {
                    LOG.debug("Could not delete the old run home {}: {}", home, e.getMessage());
                }
            }
        }
    }

    /** Stops the servers a run that is gone left in {@code home}: their pid files are in pids/ of the home, or of a folder in it (a cluster's). */
    private static void stopWhatItLeft(Path home) throws IOException {
        final List<Path> places;
        try (Stream<Path> inside = Files.list(home)) {
            places = Stream.concat(Stream.of(home), inside.filter(Files::isDirectory)).toList();
        }
        for (Path place : places) {
            final ProcessHome processes = new ProcessHome(place, place);
            final List<ClusterProcess> left = processes.processes().stream().filter(ClusterProcess::isAlive).toList();
            if (!left.isEmpty()) {
                LOG.info("Stopping {} of a run that was killed ({})", left, place);
                processes.stopAll(left, STOP_GRACE);
            }
        }
    }
}
