package com.example.checkpointdemo.cluster;

import javax.annotation.Nullable;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one way this project runs a server as its own process (a Flink JobManager or TaskManager,
 * ZooKeeper, a Kafka broker, an object store): under a home folder with {@code log/NAME.out} (its
 * console) and {@code pids/NAME.pid} ({@link ClusterProcess}: pid and start time, so that only the
 * processes started here are ever signalled), started in a session of its own, awaited until it
 * serves (failing early, with its log, if it dies), and stopped by pid.
 */
public final class ProcessHome {

    /** Every server here listens on loopback only. */
    public static final String HOST = "127.0.0.1";

    private final Path home;
    private final Path configDir;

    /** Processes under {@code home}, configured from {@code configDir} (named in their pid files' fallback check). */
    public ProcessHome(Path home, Path configDir) {
        this.home = home.toAbsolutePath();
        this.configDir = configDir.toAbsolutePath();
    }

    /** The home folder. */
    public Path path() {
        return home;
    }

    /** Where process {@code name}'s console goes. */
    public Path out(String name) {
        return home.resolve("log/" + name + ".out");
    }

    /** Where process {@code name}'s own log goes, for those that take a log file. */
    public Path log(String name) {
        return home.resolve("log/" + name + ".log");
    }

    /**
     * Starts {@code command} as process {@code name} in a session of its own (setsid: a Ctrl-C of the
     * command that started it does not reach it), its console appended to log/NAME.out, so that a
     * process started again under its name goes on where it left off; records it in pids/NAME.pid.
     */
    public ClusterProcess launch(String name, List<String> command, @Nullable Integer restPort) throws IOException {
        return launch(name, command, restPort, Map.of());
    }

    /** {@link #launch(String, List, Integer)} with {@code environment} added to this JVM's. */
    public ClusterProcess launch(String name, List<String> command, @Nullable Integer restPort, Map<String, String> environment)
            throws IOException {
        Files.createDirectories(home.resolve("log"));
        Files.createDirectories(home.resolve("pids"));
        final List<String> withSession = new ArrayList<>(List.of("setsid"));
        withSession.addAll(command);
        final ProcessBuilder builder = new ProcessBuilder(withSession);
        builder.environment().putAll(environment);
        final Process process =
                builder
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(out(name).toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
        return ClusterProcess.write(home.resolve("pids/" + name + ".pid"), name, process, restPort, configDir);
    }

    /** The processes started here (alive or not), by name. */
    public List<ClusterProcess> processes() {
        final Path pids = home.resolve("pids");
        if (!Files.isDirectory(pids)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(pids)) {
            return files.filter(f -> f.toString().endsWith(".pid"))
                    .map(f -> ClusterProcess.read(f, configDir))
                    .sorted(java.util.Comparator.comparing(ClusterProcess::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process {@code name}, if one was started here (alive or not). */
    public java.util.Optional<ClusterProcess> process(String name) {
        return processes().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** SIGKILL to the live process {@code name} (as a machine failure would); {@code what} names it in the error if none runs. */
    public ClusterProcess kill(String name, String what) {
        final ClusterProcess process = process(name).filter(ClusterProcess::isAlive)
                .orElseThrow(() -> new ClusterException("no " + what + " runs from " + home));
        process.kill();
        return process;
    }

    /** Stops process {@code name}: SIGTERM, SIGKILL after {@code grace}; returns it if it ran. */
    public java.util.Optional<ClusterProcess> stop(String name, Duration grace) {
        return process(name).flatMap(p -> stopAll(List.of(p), grace).stream().findFirst());
    }

    /** Something to wait for; an exception means "not yet". */
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits up to {@code timeout} for {@code condition}; fails early, with the log's end, if one of {@code processes} dies. */
    public void awaitUntil(String what, List<ClusterProcess> processes, Duration timeout, Condition condition)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ClusterProcess process : processes) {
                if (!process.isAlive()) {
                    throw new ClusterException(
                            process.name() + " (pid " + process.pid() + ") exited while waiting for " + what
                                    + "; the end of " + out(process.name()) + ":\n" + tail(out(process.name()), 15)
                                    + errorsIn(log(process.name())));
                }
            }
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception notYet) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new ClusterException("gave up waiting for " + what + " after " + timeout.toSeconds() + " s; logs in " + home.resolve("log"));
    }

    /** Stops every live process started here, the last started first: SIGTERM, then SIGKILL after {@code grace}. */
    public List<ClusterProcess> stopAll(List<ClusterProcess> inOrder, Duration grace) {
        final List<ClusterProcess> stopped = new ArrayList<>();
        for (ClusterProcess process : inOrder) {
            if (process.terminate(grace)) {
                stopped.add(process);
            }
            process.forget();
        }
        return stopped;
    }

    /** Whether something accepts connections on {@code port} of {@link #HOST}. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails, naming {@code what} and the {@code option} that moves it, when {@code port} is taken. */
    public static void requireFree(int port, String what, String option) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new ClusterException(what + " " + port + " on " + HOST + " is in use; choose another with " + option);
        }
    }

    /**
     * A port {@code p} with {@code p + 1} free too (a server and its controller, say), below the
     * kernel's range of ephemeral ports, where an outgoing connection could take it meanwhile.
     */
    public static int freePortPair() {
        final java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            final int port = 20000 + 2 * random.nextInt(6000);
            if (isFree(port) && isFree(port + 1)) {
                return port;
            }
        }
        throw new ClusterException("found no two free ports in a row between 20000 and 32000 on " + HOST);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The java binary this JVM runs on: every process here runs on the same JDK. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static String tail(Path file, int lines) {
        try {
            final List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ")";
        }
    }

    /** The ERROR and "Caused by" lines of a process's log (else its end): why it exited, which its .out rarely says. */
    private static String errorsIn(Path log) {
        if (!Files.exists(log)) {
            return "";
        }
        try (Stream<String> lines = Files.lines(log)) {
            final List<String> errors = lines.filter(line -> line.contains(" ERROR ") || line.startsWith("Caused by:")).toList();
            return errors.isEmpty() ? "\nand the end of " + log + ":\n" + tail(log, 15)
                    : "\nand the errors in " + log + ":\n" + String.join("\n", errors.subList(Math.max(0, errors.size() - 8), errors.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }
}
