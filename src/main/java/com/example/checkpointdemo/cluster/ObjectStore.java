package com.example.checkpointdemo.cluster;

import com.example.checkpointdemo.plumbing.Directories;
import com.example.checkpointdemo.plumbing.FlinkFiles;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An S3-compatible object store run as its own process: S3Proxy from Maven's jars
 * (conf/s3proxy/pom.xml, off the jobs' class path) on 127.0.0.1, keeping the bucket {@value
 * #BUCKET} as a folder of its filesystem backend ({@link #bucketFolder}, {@code HOME/s3/demo}), so
 * that what Flink wrote to {@code s3://demo/...} can be listed with {@code ls} too. Its
 * configuration ({@code conf/}), objects, log and pid live under one home folder, which may be a
 * cluster's; started again after a {@link #kill}, it keeps its objects.
 */
public final class ObjectStore {

    /** The one bucket: checkpoints, savepoints, HA metadata and the file sink's output. */
    public static final String BUCKET = "demo";

    private static final String ACCESS_KEY = "demo";
    private static final String SECRET_KEY = "demo-secret-key";
    /** Any region will do for S3Proxy; the AWS SDK insists on one. */
    private static final String REGION = "us-east-1";

    /** The store's process name, in its pid file and in {@code bin/cluster status}. */
    public static final String PROCESS = "s3proxy";
    private static final Path TEMPLATE = Path.of("conf/s3proxy/s3proxy.properties");
    private static final Path LOGGING = Path.of("conf/s3proxy/logback.xml");
    private static final Path POM = Path.of("conf/s3proxy/pom.xml");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern ENDPOINT = Pattern.compile("(?m)^s3proxy\\.endpoint=(\\S+)");

    private final Path home;
    private final OwnServer server;

    /** The store kept under {@code home}. */
    public ObjectStore(Path home) {
        this.home = home.toAbsolutePath();
        this.server = new OwnServer(new ProcessHome(this.home, this.home), PROCESS, "object store", STARTUP_TIMEOUT, STOP_TIMEOUT);
    }

    /** Where its configuration, objects, log and pid are. */
    public Path home() {
        return home;
    }

    /**
     * Starts an empty store on {@code port} with the bucket {@value #BUCKET} and returns once it
     * answers; a store that runs from this home already is an error.
     */
    public void start(int port) throws IOException, InterruptedException {
        if (isRunning()) {
            throw new ClusterException("an object store already runs from " + home + " (" + process().orElseThrow()
                    + ", " + endpoint() + "); stop it first");
        }
        ProcessHome.requireFree(port, "The object store's port", "--s3-port");
        Directories.delete(data());
        Files.createDirectories(bucketFolder()); // the filesystem backend's bucket is a folder
        Files.createDirectories(config().getParent());
        Files.writeString(config(), Files.readString(TEMPLATE, StandardCharsets.UTF_8)
                .replace("@PORT@", String.valueOf(port))
                .replace("@DATA@", data().toString()));
        launch();
    }

    /** Starts the store again with the objects it has (after {@link #kill} or {@link #stop}); returns once it answers. */
    public void restart() throws IOException, InterruptedException {
        if (!Files.exists(config())) {
            throw new ClusterException("no object store was started from " + home);
        }
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(ProcessHome.javaBinary(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=" + LOGGING.toAbsolutePath(),
                "-cp", String.join(File.pathSeparator, SideClassPath.of(POM)),
                "org.gaul.s3proxy.Main", "--properties", config().toString()));
        server.launch(command, endpoint(), this::answers);
    }

    /** Whether the store answers HTTP (an anonymous request is refused, and that is an answer). */
    public boolean answers() {
        try {
            final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            client.send(HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code http://127.0.0.1:PORT}: where S3 clients (Flink's file system) reach it. */
    public String endpoint() {
        try {
            final Matcher endpoint = ENDPOINT.matcher(Files.readString(config()));
            if (!endpoint.find()) {
                throw new ClusterException(config() + " names no endpoint");
            }
            return endpoint.group(1);
        } catch (IOException e) {
            throw new ClusterException("no object store configured under " + home);
        }
    }

    /** {@code s3://demo/KEY}. */
    public static String uri(String key) {
        return "s3://" + BUCKET + "/" + key;
    }

    /** The folder the bucket's objects are kept in: {@code s3://demo/a/b} is the file {@code a/b} in it. */
    public Path bucketFolder() {
        return data().resolve(BUCKET);
    }

    /** Whether a store was configured under this home (it may be stopped). */
    public boolean isConfigured() {
        return Files.exists(config());
    }

    private Path data() {
        return home.resolve("s3");
    }

    /**
     * What Flink's S3 file system ({@code flink-s3-fs-native}) needs to reach this store: the
     * endpoint, path-style addresses (else {@code http://127.0.0.1:P} becomes {@code
     * demo.127.0.0.1} and every request fails), the demo's keys and a region.
     */
    public Map<String, String> flinkSettings() {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("s3.endpoint", endpoint());
        settings.put("s3.path-style-access", "true");
        settings.put("s3.access-key", ACCESS_KEY);
        settings.put("s3.secret-key", SECRET_KEY);
        settings.put("s3.region", REGION);
        return settings;
    }

    /** An object as Flink's file system lists it. */
    public record Listed(String path, long size) {}

    /** Every object under {@code prefix}, hidden ones too (in-progress parts), through Flink's file system. */
    public static List<Listed> list(org.apache.flink.core.fs.Path prefix) throws IOException {
        return FlinkFiles.files(prefix, true).stream().map(o -> new Listed(o.getPath().toString(), o.getLen())).toList();
    }

    /** The store's process, if one was started from here. */
    public Optional<ClusterProcess> process() {
        return server.process();
    }

    /** Whether the store runs (and is the one started here). */
    public boolean isRunning() {
        return server.isRunning();
    }

    /** SIGKILL, as an outage would; the objects stay for {@link #restart}. */
    public ClusterProcess kill() {
        return server.kill();
    }

    /** SIGTERM (SIGKILL after 10 s); returns the process stopped, if one ran. */
    public Optional<ClusterProcess> stop() {
        return server.stop();
    }

    /** The store's console log. */
    public Path log() {
        return server.log();
    }

    private Path config() {
        return home.resolve("conf/s3proxy.properties");
    }
}
