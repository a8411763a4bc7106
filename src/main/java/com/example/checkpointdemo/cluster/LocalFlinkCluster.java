package com.example.checkpointdemo.cluster;

import com.example.checkpointdemo.rest.RestApi;
import com.example.checkpointdemo.rest.ClusterAddress;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Flink session cluster of real processes on this machine: a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}), run
 * from the project's Maven dependencies as a Flink distribution would run them, listening on
 * 127.0.0.1. Its configuration, logs and process ids live under one directory; it ends only the
 * processes it started.
 */
public final class LocalFlinkCluster {

    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern PORT = Pattern.compile("(?m)^rest\\.port:\\s*(\\d+)\\s*$");

    private final Path home;
    private final Path template;
    private final List<String> classPath;

    /**
     * A cluster kept under {@code home}, configured from the {@code template} directory
     * (config.yaml, log4j.properties), running with {@code classPath} (Flink's jars).
     */
    public LocalFlinkCluster(Path home, Path template, List<String> classPath) {
        this.home = home.toAbsolutePath();
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

    /** Starts a JobManager and {@code taskManagers} TaskManagers; returns once they all serve. */
    public void start(int taskManagers, int restPort, int rpcPort) throws IOException, InterruptedException {
        final List<ClusterProcess> running = processes().stream().filter(ClusterProcess::isAlive).toList();
        if (!running.isEmpty()) {
            throw new ClusterException(
                    "a cluster is already running from " + home + " (" + running.get(0) + "); run bin/cluster stop first");
        }
        requireFree(restPort, "REST port", "--rest-port");
        requireFree(rpcPort, "JobManager RPC port", "--rpc-port");
        writeConfig(restPort, rpcPort);
        try {
            launchAll(taskManagers, restPort);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Half a cluster is no use and would block the next start: end what was launched.
            stop();
            throw e;
        }
    }

    private void launchAll(int taskManagers, int restPort) throws IOException, InterruptedException {
        final ClusterProcess jobManager =
                launch("jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        resourceParams("GET_JM_RESOURCE_PARAMS"), List.of());
        final RestApi rest = new RestApi(HOST, restPort);
        awaitUntil("the JobManager's REST API at " + rest, List.of(jobManager), rest::isUp);

        final List<ClusterProcess> launched = new ArrayList<>(List.of(jobManager));
        final List<String> tmParams = resourceParams("GET_TM_RESOURCE_PARAMS");
        for (int i = 1; i <= taskManagers; i++) {
            final String id = "taskmanager-" + i;
            launched.add(
                    launch(id, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", tmParams,
                            List.of("-D", "taskmanager.resource-id=" + id)));
        }
        awaitUntil(taskManagers + " TaskManagers registered", launched,
                () -> rest.get("/taskmanagers").path("taskmanagers").size() == taskManagers);
    }

    /** Where the cluster's REST API listens, from its configuration. */
    public ClusterAddress address() {
        final Path config = configDir().resolve("config.yaml");
        try {
            final Matcher port = PORT.matcher(Files.readString(config));
            if (!port.find()) {
                throw new ClusterException(config + " sets no rest.port");
            }
            return new ClusterAddress(HOST, Integer.parseInt(port.group(1)));
        } catch (IOException e) {
            throw new ClusterException("no cluster configured under " + home + ": run bin/cluster start first");
        }
    }

    /** The processes this cluster started (alive or not), JobManager first. */
    public List<ClusterProcess> processes() {
        final Path pids = home.resolve("pids");
        if (!Files.isDirectory(pids)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(pids)) {
            return files.filter(f -> f.toString().endsWith(".pid"))
                    .sorted()
                    .map(f -> ClusterProcess.read(f, configDir()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /**
     * Sends SIGKILL to the TaskManager running the one running job, as a machine failure would;
     * returns it. The cluster must have exactly one running job.
     */
    public ClusterProcess killTaskManagerOfRunningJob() {
        final List<String> jobs = runningJobs();
        if (jobs.size() != 1) {
            throw new ClusterException("expected one running job, found " + jobs.size() + " " + jobs);
        }
        final List<String> taskManagers = taskManagersRunning(jobs.get(0));
        if (taskManagers.isEmpty()) {
            throw new ClusterException("job " + jobs.get(0) + " has no task running yet");
        }
        final ClusterProcess victim =
                processes().stream()
                        .filter(p -> p.name().equals(taskManagers.get(0)) && p.isAlive())
                        .findFirst()
                        .orElseThrow(() -> new ClusterException(taskManagers.get(0) + " is not a live process of " + home));
        victim.kill();
        return victim;
    }

    /** Stops every live process this cluster started: SIGTERM, then SIGKILL after a grace period. */
    public List<ClusterProcess> stop() throws InterruptedException {
        final List<ClusterProcess> stopped = new ArrayList<>();
        // TaskManagers first, then the JobManager, as Flink's stop-cluster.sh does.
        final List<ClusterProcess> all = new ArrayList<>(processes());
        java.util.Collections.reverse(all);
        for (ClusterProcess process : all) {
            if (process.terminate(STOP_TIMEOUT)) {
                stopped.add(process);
            }
            process.forget();
        }
        return stopped;
    }

    private RestApi rest() {
        final ClusterAddress address = address();
        return new RestApi(address.host(), address.port());
    }

    private void writeConfig(int restPort, int rpcPort) throws IOException {
        Files.createDirectories(configDir());
        Files.createDirectories(home.resolve("log"));
        Files.createDirectories(home.resolve("pids"));
        final String config =
                Files.readString(template.resolve("config.yaml"))
                        + "\n# Added by bin/cluster start.\n"
                        + "rest.port: " + restPort + "\n"
                        + "jobmanager.rpc.port: " + rpcPort + "\n";
        Files.writeString(configDir().resolve("config.yaml"), config);
        Files.copy(template.resolve("log4j.properties"), configDir().resolve("log4j.properties"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
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

    private ClusterProcess launch(String name, String mainClass, List<String> resourceParams, List<String> extraArgs)
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
        final List<String> command = new ArrayList<>(List.of("setsid", javaBinary()));
        command.addAll(jvmOptions);
        command.add("-Dlog.file=" + home.resolve("log/" + name + ".log"));
        command.add("-Dlog4j.configurationFile=" + configDir().resolve("log4j.properties"));
        command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classPath), mainClass));
        command.addAll(List.of("--configDir", configDir().toString()));
        command.addAll(dynamicProperties);
        command.addAll(extraArgs);
        final Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(home.resolve("log/" + name + ".out").toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
        return ClusterProcess.write(home.resolve("pids/" + name + ".pid"), name, process.pid(), configDir());
    }

    private List<String> runJava(List<String> args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", String.join(java.io.File.pathSeparator, classPath)));
        command.addAll(args);
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output.lines().toList();
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits for {@code condition}; fails early, with the log's last lines, if a process dies. */
    private void awaitUntil(String what, List<ClusterProcess> processes, Condition condition) throws InterruptedException {
        final long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ClusterProcess process : processes) {
                if (!process.isAlive()) {
                    throw new ClusterException(
                            process.name() + " (pid " + process.pid() + ") exited while waiting for " + what
                                    + "; the end of " + home.resolve("log/" + process.name() + ".out") + ":\n"
                                    + tail(home.resolve("log/" + process.name() + ".out"), 15));
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
        throw new ClusterException("gave up waiting for " + what + " after " + STARTUP_TIMEOUT.toSeconds() + " s; logs in " + home.resolve("log"));
    }

    private static void requireFree(int port, String what, String option) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new ClusterException(
                    what + " " + port + " on " + HOST + " is in use (another Flink?); choose another with " + option);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            final List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ")";
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
