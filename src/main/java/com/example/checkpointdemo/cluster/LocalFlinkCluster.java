package com.example.checkpointdemo.cluster;

import com.example.checkpointdemo.plumbing.ClusterAddress;

import org.apache.flink.configuration.GlobalConfiguration;
import com.example.checkpointdemo.plumbing.Directories;
import com.example.checkpointdemo.plumbing.FlinkFiles;
import com.example.checkpointdemo.plumbing.RestApi;

import com.fasterxml.jackson.databind.JsonNode;

import javax.annotation.Nullable;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Flink session cluster of real processes on this machine, run from the project's Maven
 * dependencies as a Flink distribution would run them, listening on 127.0.0.1: a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}); with
 * high availability, a ZooKeeper server ({@code FlinkZooKeeperQuorumPeer}, what Flink's {@code
 * zookeeper.sh} starts) and two JobManagers, one leading and one standing by. Its configuration,
 * logs, process ids, checkpoints and HA data live under one directory; it ends only the processes
 * it started.
 */
public final class LocalFlinkCluster {

    private static final String HOST = ProcessHome.HOST;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern REST_PORT = Pattern.compile("(?m)^rest\\.port:\\s*(\\d+)\\s*$");
    private static final String ZOOKEEPER = "zookeeper";

    /**
     * The ports a cluster listens on; the second JobManager of an HA cluster takes rest + 1 and rpc
     * + 1; the object store (with the s3 option) listens on {@code s3}.
     */
    public record Ports(int rest, int rpc, int zookeeper, int s3) {}

    private final Path home;
    private final ProcessHome processes;
    private final Path template;
    private final List<String> classPath;

    /**
     * A cluster kept under {@code home}, configured from the {@code template} directory
     * (config.yaml, log4j.properties), running with {@code classPath} (Flink's jars).
     */
    public LocalFlinkCluster(Path home, Path template, List<String> classPath) {
        this.home = home.toAbsolutePath();
        this.processes = new ProcessHome(this.home, this.home.resolve("conf"));
        this.template = template;
        this.classPath = classPath;
    }

    /** The cluster of this project: under {@code home}, from conf/cluster, with the Maven class path. */
    public static LocalFlinkCluster of(Path home) {
        return new LocalFlinkCluster(home, Path.of("conf/cluster"), FlinkClassPath.fromBuild());
    }

    /** Where the cluster keeps its configuration, logs and PID files. */
    public Path home() {
        return home;
    }

    /** The configuration directory the cluster's processes (and bin/sql-client --remote) read. */
    public Path configDir() {
        return home.resolve("conf");
    }

    /**
     * Starts the cluster: with {@code objectStore}, first an S3-compatible store holding its
     * checkpoints, savepoints and HA data (and the project's data/ files, uploaded); with {@code
     * highAvailability}, a ZooKeeper server and two JobManagers, else one JobManager; then {@code
     * taskManagers} TaskManagers. Returns once they all serve.
     */
    public void start(int taskManagers, Ports ports, boolean highAvailability, boolean objectStore)
            throws IOException, InterruptedException {
        final List<ClusterProcess> running = processes().stream().filter(ClusterProcess::isAlive).toList();
        if (!running.isEmpty()) {
            throw new ClusterException(
                    "a cluster is already running from " + home + " (" + running.get(0) + "); run bin/cluster stop first");
        }
        ProcessHome.requireFree(ports.rest(), "REST port", "--rest-port");
        ProcessHome.requireFree(ports.rpc(), "JobManager RPC port", "--rpc-port");
        if (highAvailability) {
            ProcessHome.requireFree(ports.rest() + 1, "REST port of the second JobManager", "--rest-port");
            ProcessHome.requireFree(ports.rpc() + 1, "RPC port of the second JobManager", "--rpc-port");
            ProcessHome.requireFree(ports.zookeeper(), "ZooKeeper port", "--zookeeper-port");
        }
        if (objectStore) {
            ProcessHome.requireFree(ports.s3(), "The object store's port", "--s3-port");
            S3Plugin.environment(); // fails now, with how to fix it, if the plugin is missing
        }
        freshStart();
        try {
            if (objectStore) {
                startObjectStore(ports.s3());
            }
            new ClusterConfig(home, template).write(ports, highAvailability, objectStore().filter(ObjectStore::isConfigured).orElse(null));
            launchAll(taskManagers, ports, highAvailability);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Half a cluster is no use and would block the next start: end what was launched.
            stop();
            throw e;
        }
    }

    /**
     * Starts the object store on {@code port} and fills s3://demo/data/ with the project's data/
     * files, through Flink's S3 file system (as the jobs will read them).
     */
    private void startObjectStore(int port) throws IOException, InterruptedException {
        final ObjectStore store = new ObjectStore(home);
        store.start(port);
        S3Plugin.useInThisJvm(store.flinkSettings());
        try (Stream<Path> files = Files.list(Path.of("data"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                FlinkFiles.upload(file, new org.apache.flink.core.fs.Path(ObjectStore.uri("data/" + file.getFileName())));
            }
        }
    }

    /** The cluster's object store, if it was started with one (it may have been stopped since). */
    public Optional<ObjectStore> objectStore() {
        final ObjectStore store = new ObjectStore(home);
        return store.isConfigured() ? Optional.of(store) : Optional.empty();
    }

    private void launchAll(int taskManagers, Ports ports, boolean highAvailability) throws IOException, InterruptedException {
        final List<ClusterProcess> launched = new ArrayList<>();
        final List<String> jmParams = resourceParams("GET_JM_RESOURCE_PARAMS");
        if (highAvailability) {
            final ClusterProcess zookeeper = launch(ZOOKEEPER, "org.apache.flink.runtime.zookeeper.FlinkZooKeeperQuorumPeer",
                    List.of("-Xmx128m", "-Dzookeeper.jmx.log4j.disable=true", "-Dzookeeper.admin.enableServer=false"),
                    List.of("--zkConfigFile", configDir().resolve("zoo.cfg").toString(), "--peerId", "1"), null);
            launched.add(zookeeper);
            awaitUntil("ZooKeeper on " + HOST + ":" + ports.zookeeper(), launched, () -> ProcessHome.accepts(ports.zookeeper()));
            launched.add(launchJobManager("jobmanager-1", ports.rest(), ports.rpc(), jmParams));
            launched.add(launchJobManager("jobmanager-2", ports.rest() + 1, ports.rpc() + 1, jmParams));
        } else {
            launched.add(launchJobManager("jobmanager", ports.rest(), ports.rpc(), jmParams));
        }
        awaitUntil("a leading JobManager's REST API", launched, () -> leader().isPresent());
        final List<String> tmParams = resourceParams("GET_TM_RESOURCE_PARAMS");
        for (int i = 1; i <= taskManagers; i++) {
            final String id = "taskmanager-" + i;
            launched.add(launch(id, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", tmParams,
                    List.of("-D", "taskmanager.resource-id=" + id), null));
        }
        awaitUntil(taskManagers + " TaskManagers registered", launched,
                () -> rest().get("/taskmanagers").path("taskmanagers").size() == taskManagers);
    }

    /**
     * Starts another JobManager on a cluster with high availability: the first one that is not
     * running again, on its own REST port (its log goes on), or a new one. It stands by, or leads
     * if no other JobManager does. Returns it once its REST API answers.
     */
    public ClusterProcess startJobManager() throws IOException, InterruptedException {
        if (!isHighlyAvailable()) {
            throw new ClusterException("this cluster runs without high availability: a second JobManager would not"
                    + " know the first one's jobs; start it with bin/cluster start --ha");
        }
        final List<ClusterProcess> jobManagers = jobManagers();
        final ClusterProcess dead = jobManagers.stream().filter(p -> !p.isAlive()).findFirst().orElse(null);
        final int index = dead != null ? Integer.parseInt(dead.name().replace("jobmanager-", "")) : jobManagers.size() + 1;
        final int restPort = dead != null && dead.restPort() != null ? dead.restPort()
                : jobManagers.stream().map(ClusterProcess::restPort).max(Integer::compare).orElseThrow() + 1;
        ProcessHome.requireFree(restPort, "REST port", "a free port");
        final ClusterProcess started = launchJobManager("jobmanager-" + index, restPort, 0, resourceParams("GET_JM_RESOURCE_PARAMS"));
        final RestApi own = new RestApi(HOST, restPort);
        awaitUntil(started.name() + "'s REST API", List.of(started), own::isUp);
        return started;
    }

    private ClusterProcess launchJobManager(String name, int restPort, int rpcPort, List<String> resourceParams) throws IOException {
        final List<String> dynamic = new ArrayList<>(List.of("-D", "rest.port=" + restPort));
        if (rpcPort > 0) {
            // With ZooKeeper HA the JobManager's RPC port comes from this key, not jobmanager.rpc.port.
            dynamic.addAll(List.of("-D", (isHighlyAvailable() ? "high-availability.jobmanager.port=" : "jobmanager.rpc.port=") + rpcPort));
        }
        return launch(name, "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                resourceParams, dynamic, restPort);
    }

    /** Whether the cluster was started with ZooKeeper high availability. */
    public boolean isHighlyAvailable() {
        return Files.exists(configDir().resolve("zoo.cfg"));
    }

    /**
     * Where the leading JobManager's REST API listens. Without high availability it is the one
     * JobManager's; with it, the leader's as ZooKeeper names it, once that JobManager answers:
     * after the leader dies, ZooKeeper names it until its session expires, so this waits (up to
     * {@code timeout}) for the new leader.
     */
    public ClusterAddress address(Duration timeout) throws InterruptedException {
        return ClusterAddress.of(HOST, awaitLeader(timeout).restPort());
    }

    /** The leading JobManager, waiting up to {@code timeout} for one: see {@link #address(Duration)}. */
    private ClusterProcess awaitLeader(Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final Optional<ClusterProcess> leader = leader();
            if (leader.isPresent()) {
                return leader.get();
            }
            if (System.nanoTime() > deadline) {
                throw new ClusterException("no JobManager leads the cluster under " + home + " (an election may be under way; try again)");
            }
            Thread.sleep(250);
        }
    }

    /**
     * The leader's address for a client that outlives a JobManager: the same leader while its
     * process lives (asked of ZooKeeper once), the next one, waiting for its election, once it dies.
     * A job's client gets the cluster's HA settings, so that it follows the leader itself.
     */
    public ClusterAddress followingLeader() {
        final java.util.concurrent.atomic.AtomicReference<ClusterProcess> known = new java.util.concurrent.atomic.AtomicReference<>();
        return ClusterAddress.following(() -> {
            ClusterProcess leader = known.get();
            if (leader == null || !leader.isAlive()) {
                try {
                    leader = awaitLeader(ELECTION);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClusterException("interrupted while waiting for a JobManager to lead");
                }
                known.set(leader);
            }
            return ClusterAddress.of(HOST, leader.restPort());
        }).withClientSettings(clientHighAvailability());
    }

    /** How long a failover may take: ZooKeeper's session timeout (6 s), the election, the new leader's start. */
    private static final Duration ELECTION = Duration.ofMinutes(1);

    /**
     * The {@code high-availability.*} settings of the cluster's configuration: with them a client
     * finds the leader in ZooKeeper, as the SQL Client does, and follows it to the next one.
     */
    private java.util.Map<String, String> clientHighAvailability() {
        final java.util.Map<String, String> settings = new java.util.TreeMap<>();
        GlobalConfiguration.loadConfiguration(configDir().toString()).toMap().forEach((key, value) -> {
            if (key.startsWith("high-availability")) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    /** {@link #address(Duration)} without waiting for an election. */
    public ClusterAddress address() {
        try {
            return address(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted");
        }
    }

    /** The leading JobManager, read from the cluster (ZooKeeper), if it is alive and answers. */
    public Optional<ClusterProcess> leader() {
        final Integer port = isHighlyAvailable() ? Leader.restPort(configDir()).orElse(null) : configuredRestPort();
        if (port == null) {
            return Optional.empty();
        }
        return jobManagers().stream()
                .filter(p -> port.equals(p.restPort()) && p.isAlive())
                .filter(p -> new RestApi(HOST, port).isUp())
                .findFirst();
    }

    /** The processes this cluster started (alive or not): ZooKeeper, JobManagers, TaskManagers. */
    public List<ClusterProcess> processes() {
        return processes.processes().stream()
                .sorted(Comparator.comparingInt(LocalFlinkCluster::startOrder).thenComparing(ClusterProcess::name))
                .toList();
    }

    /** The JobManagers this cluster started. */
    public List<ClusterProcess> jobManagers() {
        return processes().stream().filter(ClusterProcess::isJobManager).toList();
    }

    /** The TaskManagers (by resource id) running tasks of the job {@code jobId}. */
    public List<String> taskManagersRunning(String jobId) {
        final RestApi rest = rest();
        final List<String> ids = new ArrayList<>();
        for (JsonNode vertex : rest.get("/jobs/" + jobId).path("vertices")) {
            for (JsonNode tm : rest.get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers").path("taskmanagers")) {
                final String id = tm.path("taskmanager-id").asText();
                if (!ids.contains(id) && tm.path("status").asText().equals("RUNNING")) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /** The ids of the jobs in state RUNNING. */
    public List<String> runningJobs() {
        final List<String> ids = new ArrayList<>();
        for (JsonNode job : rest().get("/jobs/overview").path("jobs")) {
            if ("RUNNING".equals(job.path("state").asText())) {
                ids.add(job.path("jid").asText());
            }
        }
        return ids;
    }

    /** {@code  (the last one, ID name, FINISHED)}, or nothing when the cluster ran no job. */
    private String lastJob() {
        JsonNode last = null;
        for (JsonNode job : rest().get("/jobs/overview").path("jobs")) {
            if (last == null || job.path("start-time").asLong() > last.path("start-time").asLong()) {
                last = job;
            }
        }
        return last == null ? "" : " (the last one, " + last.path("jid").asText() + " " + last.path("name").asText()
                + ", " + last.path("state").asText() + ")";
    }

    /**
     * Sends SIGKILL to the TaskManager running the one running job, as a machine failure would;
     * returns it. The cluster must have exactly one running job.
     */
    public ClusterProcess killTaskManagerOfRunningJob() {
        final List<String> jobs = runningJobs();
        if (jobs.isEmpty()) {
            throw new ClusterException("no job is running, so no TaskManager runs one" + lastJob()
                    + ". The demo's 20 rows take about 5 s: to kill a TaskManager under a job, start a longer one first,"
                    + " e.g. bin/sql-client --remote -i sql/scenarios/init.sql -f sql/scenarios/long_run.sql -j target/udf.jar &"
                    + " then bin/cluster status --await-checkpoint (docs/cluster.md)");
        }
        if (jobs.size() > 1) {
            throw new ClusterException(jobs.size() + " jobs are running " + jobs + ": kill-taskmanager takes the TaskManager"
                    + " of the one running job; cancel the others first (Web UI, or bin/cluster status for their ids)");
        }
        return killTaskManagerRunning(jobs.get(0));
    }

    /** Sends SIGKILL to a TaskManager running tasks of the job {@code jobId}; returns it. */
    public ClusterProcess killTaskManagerRunning(String jobId) {
        final ClusterProcess victim = taskManagerRunning(jobId);
        victim.kill();
        return victim;
    }

    /** A live TaskManager process running tasks of the job {@code jobId}. */
    public ClusterProcess taskManagerRunning(String jobId) {
        final List<String> taskManagers = taskManagersRunning(jobId);
        if (taskManagers.isEmpty()) {
            throw new ClusterException("job " + jobId + " has no task running yet");
        }
        return processes().stream()
                .filter(p -> p.name().equals(taskManagers.get(0)) && p.isAlive())
                .findFirst()
                .orElseThrow(() -> new ClusterException(taskManagers.get(0) + " is not a live process of " + home));
    }

    /**
     * Starts again, under their names, the TaskManagers that no longer run (killed, or that ended
     * themselves), and returns once all of this cluster's TaskManagers are registered; the ones started.
     */
    public List<ClusterProcess> restartTaskManagers() throws IOException, InterruptedException {
        final List<ClusterProcess> taskManagers = processes().stream().filter(ClusterProcess::isTaskManager).toList();
        final List<ClusterProcess> dead = taskManagers.stream().filter(p -> !p.isAlive()).toList();
        final List<String> tmParams = dead.isEmpty() ? List.of() : resourceParams("GET_TM_RESOURCE_PARAMS");
        final List<ClusterProcess> started = new ArrayList<>();
        for (ClusterProcess gone : dead) {
            started.add(launch(gone.name(), "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", tmParams,
                    List.of("-D", "taskmanager.resource-id=" + gone.name()), null));
        }
        final List<ClusterProcess> alive = processes().stream().filter(ClusterProcess::isTaskManager).toList();
        awaitUntil(taskManagers.size() + " TaskManagers registered", alive, () -> {
            int registered = 0;
            for (JsonNode tm : rest().get("/taskmanagers").path("taskmanagers")) {
                registered += alive.stream().anyMatch(p -> p.name().equals(tm.path("id").asText())) ? 1 : 0;
            }
            return registered == taskManagers.size();
        });
        return started;
    }

    /** Sends SIGKILL to the leading JobManager, as a machine failure would; returns it. */
    public ClusterProcess killLeadingJobManager() {
        final ClusterProcess leader = leader().orElseThrow(() -> new ClusterException(
                "no JobManager leads the cluster under " + home + " right now"));
        leader.kill();
        return leader;
    }

    /** Stops every live process this cluster started, TaskManagers first: SIGTERM, then SIGKILL after a grace period. */
    public List<ClusterProcess> stop() {
        final List<ClusterProcess> all = new ArrayList<>(processes());
        java.util.Collections.reverse(all);
        return processes.stopAll(all, STOP_TIMEOUT);
    }

    /** The REST API of the leading JobManager. */
    public RestApi rest() {
        return new RestApi(address());
    }

    private static int startOrder(ClusterProcess process) {
        return process.name().equals(ObjectStore.PROCESS) ? 0 : process.name().equals(ZOOKEEPER) ? 1 : process.isJobManager() ? 2 : 3;
    }

    private @Nullable Integer configuredRestPort() {
        try {
            final Matcher port = REST_PORT.matcher(Files.readString(configDir().resolve("config.yaml")));
            return port.find() ? Integer.valueOf(port.group(1)) : null;
        } catch (IOException e) {
            throw new ClusterException("no cluster configured under " + home + ": run bin/cluster start first");
        }
    }

    /**
     * A new cluster starts clean: the previous one's logs move to log/previous (a user may still
     * want to read them); its process ids, configuration, ZooKeeper and HA data, objects and the
     * processes' working folders go.
     */
    private void freshStart() throws IOException {
        final Path log = home.resolve("log");
        final Path previous = log.resolve("previous");
        Files.createDirectories(previous);
        try (Stream<Path> files = Files.list(log)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.move(file, previous.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (String directory : List.of("pids", "zookeeper", "ha", "s3", "work", "conf")) {
            Directories.delete(home.resolve(directory));
        }
        Files.createDirectories(home.resolve("pids"));
    }

    /** Flink's own memory arithmetic, as its start scripts use it: JVM options, then -D options. */
    private List<String> resourceParams(String command) throws IOException, InterruptedException {
        final List<String> out =
                runJava(List.of("org.apache.flink.runtime.util.bash.BashJavaUtils", command, "--configDir", configDir().toString()));
        final List<String> results =
                out.stream()
                        .filter(line -> line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                        .map(line -> line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).strip())
                        .toList();
        if (results.isEmpty()) {
            throw new ClusterException("BashJavaUtils " + command + " failed:\n" + String.join("\n", out));
        }
        final List<String> params = new ArrayList<>();
        results.forEach(line -> params.addAll(List.of(line.split("\\s+"))));
        params.removeIf(String::isEmpty);
        return params;
    }

    /**
     * Starts {@code mainClass} as the process {@code name} ({@link ProcessHome#launch}), its log in
     * log/NAME.log, with Flink's memory options split into JVM options and {@code -D} properties.
     */
    private ClusterProcess launch(
            String name, String mainClass, List<String> resourceParams, List<String> extraArgs, @Nullable Integer restPort)
            throws IOException {
        final List<String> jvmOptions = new ArrayList<>();
        final List<String> dynamicProperties = new ArrayList<>();
        for (int i = 0; i < resourceParams.size(); i++) {
            final String param = resourceParams.get(i);
            if (param.equals("-D") && i + 1 < resourceParams.size()) {
                dynamicProperties.add(param);
                dynamicProperties.add(resourceParams.get(++i));
            } else {
                jvmOptions.add(param);
            }
        }
        // Each process has folders of its own, as on a machine of its own: nothing works only
        // because the processes share a disk (/tmp, say), and nothing of theirs lands in /tmp.
        final Path work = home.resolve("work").resolve(name);
        Files.createDirectories(work.resolve("tmp"));
        final List<String> command = new ArrayList<>(List.of(ProcessHome.javaBinary(), "-Djava.io.tmpdir=" + work.resolve("tmp")));
        command.addAll(jvmOptions);
        // The demo's jobs are tiny: the quick JIT tier and the serial collector leave the two
        // cores of a laptop (or a CI machine) to the jobs, instead of to compiler and GC threads.
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.add("-Dlog.file=" + processes.log(name));
        command.add("-Dlog4j.configurationFile=" + configDir().resolve("log4j.properties"));
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), mainClass));
        if (!name.equals(ZOOKEEPER)) {
            command.addAll(List.of("--configDir", configDir().toString()));
            command.addAll(List.of("-D", "io.tmp.dirs=" + work.resolve("tmp"),
                    "-D", (mainClass.contains("taskexecutor") ? "process.taskmanager" : "process.jobmanager") + ".working-dir=" + work));
        }
        command.addAll(dynamicProperties);
        command.addAll(extraArgs);
        // The S3 file system is a plugin, found where FLINK_PLUGINS_DIR says, as in a Flink install's plugins/.
        return processes.launch(name, command, restPort, objectStore().isPresent() ? S3Plugin.environment() : Map.of());
    }

    private List<String> runJava(List<String> args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(ProcessHome.javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", String.join(File.pathSeparator, classPath)));
        command.addAll(args);
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output.lines().toList();
    }

    /** Waits for {@code condition}; fails early, with the log's end, if a process dies. */
    private void awaitUntil(String what, List<ClusterProcess> launched, ProcessHome.Condition condition) throws InterruptedException {
        processes.awaitUntil(what, launched, STARTUP_TIMEOUT, condition);
    }
}
