package com.example.checkpointdemo.cluster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs' homes under one folder: a run never stops another running run's server nor deletes its
 * home; the server a killed run left behind is stopped by the next run, by its pid file.
 */
class RunHomeTest {

    @TempDir Path base;

    private final List<ClusterProcess> servers = new ArrayList<>();
    private final List<Process> others = new ArrayList<>();

    @AfterEach
    void endWhatTheTestStarted() {
        servers.forEach(ClusterProcess::kill);
        others.forEach(Process::destroyForcibly);
    }

    @Test
    void twoRunsGetTwoHomesAndNeitherTouchesTheOthersServer() throws Exception {
        final Path first = RunHome.claim(base);
        final ClusterProcess firstServer = serverIn(first, "kafka");

        final Path second = RunHome.claim(base);

        assertThat(second).isNotEqualTo(first);
        assertThat(RunHome.runName(second)).contains("-" + ProcessHandle.current().pid());
        // The first run (this JVM) still runs: its server and its home stay.
        assertThat(firstServer.isAlive()).isTrue();
        assertThat(first).isDirectory();
    }

    @Test
    void aServerLeftByAKilledRunIsStoppedByTheNextRunAndNoOtherProcess() throws Exception {
        final Path orphaned = homeOfAGoneRun("20260101-000000-1");
        final ClusterProcess leftOver = serverIn(orphaned, "s3proxy");
        // A process that is not the one in the pid file (its start time differs): never signalled.
        final Process stranger = sleeper();
        Files.writeString(orphaned.resolve("pids/other.pid"), stranger.pid() + " - 0\n");

        RunHome.claim(base);

        assertThat(leftOver.isAlive()).isFalse();
        assertThat(stranger.isAlive()).isTrue();
        assertThat(orphaned).as("an ended run's home stays to be looked at").isDirectory();
    }

    @Test
    void onlyTheNewestEndedHomesStay() throws Exception {
        for (int i = 1; i <= RunHome.ENDED_KEPT + 2; i++) {
            homeOfAGoneRun("20260101-00000" + i + "-1");
        }

        final Path own = RunHome.claim(base);

        try (Stream<Path> homes = Files.list(base)) {
            assertThat(homes.map(home -> home.getFileName().toString()).sorted().toList()).containsExactly(
                    "20260101-000003-1", "20260101-000004-1", "20260101-000005-1", own.getFileName().toString());
        }
    }

    @Test
    void runsStartingTogetherEachGetAHomeWhileTheyTidyTheSameOldOnes() throws Exception {
        // Two runs started at once (two JVMs in CI) both delete the same old homes: neither may fail on what the other took.
        for (int i = 10; i <= 40; i++) {
            final Path old = homeOfAGoneRun("20260101-0000" + i + "-1");
            for (int f = 0; f < 20; f++) {
                Files.createDirectories(old.resolve("s3/demo/part-" + f)).resolve("data").toFile().createNewFile();
            }
        }
        final java.util.concurrent.ExecutorService runs = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            final java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            final List<java.util.concurrent.Future<Path>> homes = new ArrayList<>();
            for (int run = 0; run < 4; run++) {
                homes.add(runs.submit(() -> {
                    go.await();
                    return RunHome.claim(base);
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<Path> home : homes) {
                assertThat(home.get()).isDirectory();
            }
        } finally {
            runs.shutdownNow();
        }
        try (Stream<Path> left = Files.list(base)) {
            assertThat(left.filter(home -> home.getFileName().toString().startsWith("20260101-")).count())
                    .isEqualTo(RunHome.ENDED_KEPT);
        }
    }

    /** A home whose owner is gone: its owner file names a process that does not run. */
    private Path homeOfAGoneRun(String name) throws IOException {
        final Path home = Files.createDirectories(base.resolve(name));
        final Process gone = new ProcessBuilder("true").start();
        try {
            gone.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.writeString(home.resolve("owner.pid"), gone.pid() + " - 0\n");
        return home;
    }

    /** A server process (a sleeper) started in {@code home} as {@code name}, the way every server here is. */
    private ClusterProcess serverIn(Path home, String name) throws IOException {
        final ClusterProcess process = new ProcessHome(home, home).launch(name, List.of("sleep", "600"), null);
        servers.add(process);
        return process;
    }

    private Process sleeper() throws IOException {
        final Process process = new ProcessBuilder("sleep", "600").start();
        others.add(process);
        return process;
    }
}
