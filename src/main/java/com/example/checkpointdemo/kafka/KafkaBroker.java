package com.example.checkpointdemo.kafka;

import com.example.checkpointdemo.cluster.ClusterException;
import com.example.checkpointdemo.cluster.ClusterProcess;
import com.example.checkpointdemo.cluster.OwnServer;
import com.example.checkpointdemo.cluster.ProcessHome;
import com.example.checkpointdemo.cluster.SideClassPath;
import com.example.checkpointdemo.plumbing.Directories;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single-node Kafka broker (KRaft: broker and controller in one JVM) run as its own process from
 * Maven's jars (conf/kafka/pom.xml, off the jobs' class path), on 127.0.0.1, configured from
 * conf/kafka/server.properties, with its data, log and pid under one home folder. It is formatted
 * once; started again, it keeps its topics and its transactions' state.
 */
public final class KafkaBroker {

    /** The broker's port unless another is asked for; its controller listens on the next one. */
    public static final int DEFAULT_PORT = 9092;

    private static final String NAME = "kafka";
    private static final Path TEMPLATE = Path.of("conf/kafka/server.properties");
    private static final Path POM = Path.of("conf/kafka/pom.xml");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern LISTENER = Pattern.compile("(?m)^listeners=PLAINTEXT://([^,\\s]+)");

    private final Path home;
    private final OwnServer server;

    /** The broker kept under {@code home}. */
    public KafkaBroker(Path home) {
        this.home = home.toAbsolutePath();
        this.server = new OwnServer(new ProcessHome(this.home, this.home), NAME, "Kafka broker", STARTUP_TIMEOUT, STOP_TIMEOUT);
    }

    /** Where its configuration, data, log and pid are. */
    public Path home() {
        return home;
    }

    /**
     * Formats a fresh broker on {@code port} (its controller on port + 1) with transactions of
     * {@code transactionVersion} (1 or 2), starts it, and returns once it answers. A broker that
     * runs from this home already is an error.
     */
    public void start(int port, int transactionVersion) throws IOException, InterruptedException {
        if (process().filter(ClusterProcess::isAlive).isPresent()) {
            throw new ClusterException("a Kafka broker already runs from " + home + " (" + process().get()
                    + ", " + bootstrapServers() + "); bin/kafka stop first");
        }
        ProcessHome.requireFree(port, "Kafka's port", "--port");
        ProcessHome.requireFree(port + 1, "Kafka's controller port", "--port");
        Directories.delete(home);
        Files.createDirectories(home);
        Files.writeString(config(), Files.readString(TEMPLATE, StandardCharsets.UTF_8)
                .replace("@PORT@", String.valueOf(port))
                .replace("@CONTROLLER_PORT@", String.valueOf(port + 1))
                .replace("@DATA@", home.resolve("data").toString()));
        // What StorageTool's random-uuid prints (Kafka's base64 Uuid), made here: one JVM fewer at every start.
        final String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        run("kafka.tools.StorageTool", "format", "--standalone", "-t", clusterId, "-c", config().toString(),
                "--feature", "transaction.version=" + transactionVersion);
        launch();
    }

    /** Starts the broker again with the data it has (after {@link #kill}, say); returns once it answers. */
    public void restart() throws IOException, InterruptedException {
        if (!Files.exists(config())) {
            throw new ClusterException("no Kafka broker was started from " + home + ": bin/kafka start first");
        }
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(ProcessHome.javaBinary(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-cp", String.join(File.pathSeparator, SideClassPath.of(POM)), "kafka.Kafka", config().toString()));
        server.launch(command, bootstrapServers(), this::answers);
    }

    /** Whether the broker answers a client: it knows its cluster and its one node. */
    public boolean answers() {
        try (Admin admin = admin()) {
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 1;
        } catch (Exception e) {
            return false;
        }
    }

    /** {@code 127.0.0.1:9092}: where clients (and the SQL tables) reach it. */
    public String bootstrapServers() {
        try {
            final Matcher listener = LISTENER.matcher(Files.readString(config()));
            if (!listener.find()) {
                throw new ClusterException(config() + " has no PLAINTEXT listener");
            }
            return listener.group(1);
        } catch (IOException e) {
            throw new ClusterException("no Kafka broker configured under " + home + ": bin/kafka start first");
        }
    }

    /** The broker's process, if one was started from here. */
    public Optional<ClusterProcess> process() {
        return server.process();
    }

    /** Whether the broker runs (and is the one started here). */
    public boolean isRunning() {
        return server.isRunning();
    }

    /** SIGKILL, as a machine failure would; its data stays for {@link #restart}. */
    public ClusterProcess kill() {
        return server.kill();
    }

    /** SIGTERM (SIGKILL after 15 s); returns the process stopped, if one ran. */
    public Optional<ClusterProcess> stop() {
        return server.stop();
    }

    /** A client of this broker's admin API. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    /** The broker's console log. */
    public Path log() {
        return server.log();
    }

    private Path config() {
        return home.resolve("server.properties");
    }

    /** Runs one of Kafka's tools with the broker's class path; its output. */
    private String run(String mainClass, String... args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(ProcessHome.javaBinary(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", String.join(File.pathSeparator, SideClassPath.of(POM)), mainClass));
        command.addAll(List.of(args));
        final Process tool = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tool.waitFor() != 0) {
            throw new ClusterException(mainClass + " " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }
}
