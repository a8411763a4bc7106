package com.example.checkpointdemo.testing;

import com.example.checkpointdemo.cluster.LocalFlinkCluster;
import com.example.checkpointdemo.cluster.ObjectStore;
import com.example.checkpointdemo.cluster.S3Plugin;
import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.runner.DemoScriptCopy;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.plumbing.FlinkFiles;
import com.example.checkpointdemo.plumbing.RestApi;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.apache.flink.core.testutils.CommonTestUtils.waitUntilIgnoringExceptions;
import static org.apache.flink.core.testutils.CommonTestUtils.waitUtil;

/**
 * A cluster started with bin/cluster, as a user starts it, in a test's directory and on free
 * ports; its commands run as processes, and what it started is ended by {@link #stopWhateverIsLeft}.
 */
public final class ClusterUnderTest {

    /** 1..40 at 50 ms a row; the row 30 is held back until the test releases it. */
    public static final List<Long> INPUT = LongStream.rangeClosed(1, 40).boxed().toList();

    /** The row held back: the job runs until the test has done its damage and releases it. */
    public static final int HELD = 30;

    private final Path dir;
    private final Map<String, String> environment;
    /** How often the awaits ask the cluster again. */
    private static final Duration POLL = Duration.ofMillis(200);

    private final int restPort;
    private final int rpcPort;
    private final int zookeeperPort;
    private final int s3Port;
    private int console;

    /** A cluster under {@code dir}/cluster, on free ports (two in a row each, for a second JobManager; ZooKeeper's second for the object store). */
    public ClusterUnderTest(Path dir) throws IOException {
        this.dir = dir;
        this.environment = Map.of("DEMO_CLUSTER_DIR", home().toString(), "DEMO_LOG_DIR", dir.resolve("logs").toString());
        final int ports = sixFreePortsInARow();
        this.restPort = ports;
        this.rpcPort = ports + 2;
        this.zookeeperPort = ports + 4;
        this.s3Port = ports + 5;
    }

    public Path home() {
        return dir.resolve("cluster");
    }

    public LocalFlinkCluster cluster() {
        return LocalFlinkCluster.of(home());
    }

    public int restPort() {
        return restPort;
    }

    /** bin/cluster start with {@code options} (e.g. --ha), on this cluster's ports. */
    public Processes.Finished start(String... options) throws IOException, InterruptedException {
        final List<String> command = new java.util.ArrayList<>(List.of("bin/cluster", "start", "--taskmanagers", "2",
                "--rest-port", String.valueOf(restPort), "--rpc-port", String.valueOf(rpcPort),
                "--zookeeper-port", String.valueOf(zookeeperPort), "--s3-port", String.valueOf(s3Port)));
        command.addAll(List.of(options));
        return bin(command.toArray(String[]::new));
    }

    /** Runs a bin/ command with this cluster's environment. */
    public Processes.Finished bin(String... command) throws IOException, InterruptedException {
        return Processes.run(dir.resolve("console-" + (++console) + ".txt"), environment, command);
    }

    /**
     * A copy of the demo script reading {@link #INPUT}, committing under {@code output}, with no
     * injected failure (the fault here is a process's death), its checkpoints in the cluster's
     * directory, the row {@link #HELD} held back until {@link #release}; {@code dmlSync} false
     * submits and returns, as a client that may lose its JobManager should.
     */
    public Path script(Path output, boolean dmlSync) throws IOException {
        final Path input = Files.write(dir.resolve("numbers.csv"), INPUT.stream().map(String::valueOf).toList());
        return held(Sandbox.demo().input(input).output(output)
                .set("execution.checkpointing.dir", home().resolve("checkpoints").toUri().toString())
                .set("table.dml-sync", String.valueOf(dmlSync)));
    }

    /** {@code copy} with no injected failure, the row {@link #HELD} held back until {@link #release}, written beside the test's files. */
    private Path held(DemoScriptCopy copy) throws IOException {
        return copy.faults(FaultPlan.none())
                .replace("PACE(v, 200)", "HOLD_UNTIL_RELEASED(PACE(v, 50), " + HELD + ", '" + releaseFile() + "')")
                .replace("CREATE FUNCTION PACE AS 'com.example.checkpointdemo.functions.Pace';",
                        "CREATE FUNCTION PACE AS 'com.example.checkpointdemo.functions.Pace';\n"
                                + "CREATE FUNCTION HOLD_UNTIL_RELEASED AS '" + HoldUntilReleased.class.getName() + "';")
                .writeTo(dir.resolve("cluster_demo.sql")).toAbsolutePath();
    }

    /**
     * As {@link #script}, with everything in the object store of a cluster started with --s3: the
     * input uploaded to {@code s3://demo/tests/numbers.csv}, the output under {@link
     * #S3_OUTPUT}, the checkpoints in {@code s3://demo/checkpoints}. This JVM reads and writes the
     * store through Flink's S3 plugin, as the cluster does.
     */
    public Path s3Script() throws IOException {
        final ObjectStore store = cluster().objectStore().orElseThrow();
        S3Plugin.useInThisJvm(store.flinkSettings());
        final Path input = Files.write(dir.resolve("numbers.csv"), INPUT.stream().map(String::valueOf).toList());
        FlinkFiles.upload(input, new org.apache.flink.core.fs.Path(ObjectStore.uri("tests/numbers.csv")));
        return held(Sandbox.demo().inputAt(ObjectStore.uri("tests/numbers.csv")).outputUnder(S3_OUTPUT)
                .set("execution.checkpointing.dir", ObjectStore.uri("checkpoints"))
                .set("table.dml-sync", "false"));
    }

    /** Where {@link #s3Script} commits. */
    public static final String S3_OUTPUT = ObjectStore.uri("tests/output");

    /** bin/sql-client --remote -f {@code script} (with the tests' functions too), started. */
    public Processes.Started submit(Path script) throws IOException {
        return Processes.start(dir.resolve("client.txt"), environment,
                "bin/sql-client", "--remote", "-f", script.toString(), "-j", "target/udf.jar", "-j", "target/udf-tests.jar");
    }

    private Path releaseFile() {
        return dir.resolve("release");
    }

    /** Waits until the job holds back the row {@link #HELD}: it runs, and has processed every row before it. */
    public void awaitHeldRow() throws Exception {
        waitUtil(() -> Files.exists(HoldUntilReleased.heldMarker(releaseFile())), Duration.ofMinutes(2), POLL,
                "the job never held back the row " + HELD);
    }

    /** Lets the held row go: the job runs to its end. */
    public void release() throws IOException {
        Files.createFile(releaseFile());
    }

    /**
     * Waits until the leading JobManager runs {@code jobId} again after a restore later than the one
     * it saw last, as its REST API says (while a JobManager is elected or recovers the job, REST
     * answers nothing: ask again); returns the path of the checkpoint it restored.
     */
    public String awaitRestored(String jobId) throws Exception {
        final AtomicReference<String> restoredFrom = new AtomicReference<>();
        waitUntilIgnoringExceptions(() -> {
            final RestApi rest = leaderNow();
            final JsonNode restored = rest.get("/jobs/" + jobId + "/checkpoints").path("latest").path("restored");
            final boolean running = "RUNNING".equals(rest.get("/jobs/" + jobId).path("state").asText()) && restored.isObject()
                    && restored.path("restore_timestamp").asLong() > lastRestore;
            if (running) {
                lastRestore = restored.path("restore_timestamp").asLong();
                restoredFrom.set(restored.path("external_path").asText());
            }
            return running;
        }, Duration.ofMinutes(2), POLL, "job " + jobId + " did not run again from a restored checkpoint");
        return restoredFrom.get();
    }

    /** When the restore {@link #awaitRestored} saw last happened: the next must be a later one. */
    private long lastRestore;

    /** The id of the first job the leader reports RUNNING. */
    public String awaitRunningJob() throws Exception {
        final AtomicReference<String> running = new AtomicReference<>();
        waitUntilIgnoringExceptions(() -> {
            for (JsonNode job : leaderNow().get("/jobs/overview").path("jobs")) {
                if (running.get() == null && "RUNNING".equals(job.path("state").asText())) {
                    running.set(job.path("jid").asText());
                }
            }
            return running.get() != null;
        }, Duration.ofMinutes(2), POLL, "no job started running on the cluster");
        return running.get();
    }

    /** Waits until the leading JobManager reports {@code jobId} in a terminal state (asking again during an election); returns it. */
    public String awaitEnd(String jobId, Duration timeout) throws Exception {
        final AtomicReference<String> state = new AtomicReference<>();
        waitUntilIgnoringExceptions(() -> {
            state.set(leaderNow().get("/jobs/" + jobId).path("state").asText());
            return List.of("FINISHED", "FAILED", "CANCELED").contains(state.get());
        }, timeout, POLL, "job " + jobId + " did not end within " + timeout);
        return state.get();
    }

    /** The leading JobManager's address, waiting for an election. */
    public ClusterAddress address() throws InterruptedException {
        return cluster().address(Duration.ofMinutes(1));
    }

    /** The leading JobManager's REST API. */
    public RestApi rest() throws InterruptedException {
        return new RestApi(address());
    }

    /** The leading JobManager's REST API as it is now: a ClusterException while one is elected. */
    private RestApi leaderNow() {
        return new RestApi(cluster().address());
    }

    /** The processes bin/cluster started, from its pid files. */
    public List<ProcessHandle> processes() {
        return cluster().processes().stream().map(p -> ProcessHandle.of(p.pid())).flatMap(java.util.Optional::stream).toList();
    }

    /** Ends whatever the test left running, by the pids bin/cluster wrote. */
    public void stopWhateverIsLeft() throws InterruptedException {
        if (Files.exists(home())) {
            cluster().stop();
        }
    }

    /**
     * The first of six free ports in a row (two each for REST, RPC and ZooKeeper), below the
     * kernel's ephemeral range (32768+): there, a port free now could be handed to an outgoing
     * connection of the first JobManager before the second one binds it.
     */
    private static int sixFreePortsInARow() throws IOException {
        final Random random = new Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            final int first = 20_000 + 6 * random.nextInt(2_000);
            if (IntStream.range(first, first + 6).allMatch(ClusterUnderTest::isFree)) {
                return first;
            }
        }
        throw new IOException("no six free ports in a row between 20000 and 32000");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
