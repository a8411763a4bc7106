package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.cluster.ClusterException;
import com.example.checkpointdemo.cluster.ClusterProcess;
import com.example.checkpointdemo.cluster.LocalFlinkCluster;
import com.example.checkpointdemo.cluster.ObjectStore;
import com.example.checkpointdemo.cluster.S3Plugin;
import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.plumbing.RestApi;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code bin/cluster}: a standalone Flink cluster of real processes on this machine. */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        versionProvider = Versions.class,
        commandListHeading = "%nCommands:%n",
        optionListHeading = "%nOptions:%n",
        subcommands = {
            ClusterCommand.Start.class,
            ClusterCommand.Status.class,
            ClusterCommand.Jobs.class,
            ClusterCommand.KillTaskManager.class,
            ClusterCommand.KillJobManager.class,
            ClusterCommand.StartJobManager.class,
            ClusterCommand.ListObjects.class,
            ClusterCommand.Stop.class
        },
        description = {
            "A standalone Flink 2.3 cluster as processes on this machine, listening on 127.0.0.1.",
            "",
            "A JobManager and TaskManagers (with --ha also a ZooKeeper server and a second, standby"
                    + " JobManager; with --s3 an S3-compatible object store for checkpoints and HA data) start"
                    + " from the project's Maven dependencies. Their configuration, logs, pids, checkpoints and HA"
                    + " data are under target/cluster (or $DEMO_CLUSTER_DIR). Submit a script to it with:",
            "",
            "  bin/sql-client --remote -f sql/checkpoint_demo.sql -j target/udf.jar"
        })
public final class ClusterCommand {

    /** How long status and kill wait for a JobManager to lead (after the leader died). */
    private static final Duration ELECTION = Duration.ofSeconds(30);

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClusterCommand()).execute(args));
    }

    static LocalFlinkCluster cluster() {
        return LocalFlinkCluster.of(Path.of(Optional.ofNullable(System.getenv("DEMO_CLUSTER_DIR")).orElse("target/cluster")));
    }

    /** Runs {@code action}, turning the cluster's complaints into a message and exit status 2. */
    static int run(Callable<Integer> action) {
        try {
            return action.call();
        } catch (ClusterException e) {
            System.err.println("error: " + e.getMessage());
            return Cli.BAD_INPUT;
        } catch (Exception e) {
            System.err.println("error: " + e);
            return Cli.UNEXPECTED;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, optionListHeading = "%nOptions:%n",
            description = "Starts a JobManager (two and ZooKeeper with --ha) and TaskManagers; returns once they serve.")
    static final class Start implements Callable<Integer> {
        @Option(names = "--taskmanagers", paramLabel = "N", defaultValue = "2", description = "How many TaskManagers (default: ${DEFAULT-VALUE}), 2 slots each.")
        int taskManagers;

        @Option(names = "--ha", description = "High availability: a ZooKeeper server and two JobManagers, one leading, one standing by.")
        boolean ha;

        @Option(names = "--rest-port", paramLabel = "PORT", defaultValue = "8081",
                description = "The REST API's and Web UI's port (default: ${DEFAULT-VALUE}; with --ha the second JobManager takes the next one).")
        int restPort;

        @Option(names = "--rpc-port", paramLabel = "PORT", defaultValue = "6123",
                description = "The JobManager's RPC port (default: ${DEFAULT-VALUE}; with --ha the second JobManager takes the next one).")
        int rpcPort;

        @Option(names = "--zookeeper-port", paramLabel = "PORT", defaultValue = "2181", description = "ZooKeeper's port, with --ha (default: ${DEFAULT-VALUE}).")
        int zookeeperPort;

        @Option(names = "--s3",
                description = "Checkpoints, savepoints and HA data in an S3-compatible object store (S3Proxy, started"
                        + " first, its objects under target/cluster/s3/demo), read and written through Flink's S3"
                        + " file system plugin; data/ is uploaded to s3://demo/data/ (sql/s3/ reads it there).")
        boolean s3;

        @Option(names = "--s3-port", paramLabel = "PORT", defaultValue = "9000", description = "The object store's port, with --s3 (default: ${DEFAULT-VALUE}).")
        int s3Port;

        @Override
        public Integer call() {
            return run(
                    () -> {
                        final LocalFlinkCluster cluster = cluster();
                        System.out.println("Starting " + (s3 ? "an object store, " : "") + (ha ? "ZooKeeper, two JobManagers" : "a JobManager")
                                + " and " + taskManagers + " TaskManagers (logs in " + cluster.home().resolve("log") + ")...");
                        cluster.start(taskManagers, new LocalFlinkCluster.Ports(restPort, rpcPort, zookeeperPort, s3Port), ha, s3);
                        printStatus(cluster);
                        return Cli.OK;
                    });
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, optionListHeading = "%nOptions:%n",
            description = "Prints the leader's REST API and Web UI, each process, and each job with its checkpoints.")
    static final class Status implements Callable<Integer> {
        @Option(names = "--await-checkpoint",
                description = "First wait (up to a minute) until a running job has completed a checkpoint.")
        boolean awaitCheckpoint;

        @Override
        public Integer call() {
            return run(() -> {
                final LocalFlinkCluster cluster = cluster();
                if (awaitCheckpoint) {
                    awaitCompletedCheckpoint(cluster);
                }
                return printStatus(cluster) ? Cli.OK : Cli.NOT_SHOWN;
            });
        }
    }

    @Command(name = "kill-taskmanager", mixinStandardHelpOptions = true,
            description = "Sends SIGKILL to the TaskManager that runs the current job.")
    static final class KillTaskManager implements Callable<Integer> {
        @Override
        public Integer call() {
            return run(
                    () -> {
                        final LocalFlinkCluster cluster = cluster();
                        final List<String> jobs = cluster.runningJobs();
                        final ClusterProcess killed = cluster.killTaskManagerOfRunningJob();
                        System.out.println("killed " + killed.name() + " with SIGKILL: pid " + killed.pid());
                        // A killed process's connections break at once; heartbeat.timeout is for a silent one (docs/cluster.md).
                        System.out.println("The JobManager notices the lost TaskManager through its broken connection, within"
                                + " seconds, then restarts job " + String.join(", ", jobs) + " from the latest completed checkpoint on the"
                                + " slots left. Follow it with: bin/cluster status --await-checkpoint");
                        return Cli.OK;
                    });
        }
    }

    @Command(name = "kill-jobmanager", mixinStandardHelpOptions = true,
            description = "Sends SIGKILL to the leading JobManager.")
    static final class KillJobManager implements Callable<Integer> {
        @Override
        public Integer call() {
            return run(
                    () -> {
                        final LocalFlinkCluster cluster = cluster();
                        final List<String> jobs = cluster.runningJobs();
                        final ClusterProcess killed = cluster.killLeadingJobManager();
                        System.out.println("killed " + killed.name() + " (the leader) with SIGKILL: pid " + killed.pid());
                        if (cluster.isHighlyAvailable()) {
                            System.out.println("The standby JobManager takes over once ZooKeeper ends the dead leader's"
                                    + " session (about 6 s), then recovers " + (jobs.isEmpty() ? "the jobs" : "job " + String.join(", ", jobs))
                                    + " from the latest completed checkpoint. Follow it with: bin/cluster status --await-checkpoint");
                        } else {
                            System.out.println(withoutHighAvailability(jobs));
                        }
                        return Cli.OK;
                    });
        }
    }

    /** What killing the only JobManager of a cluster without HA did. */
    static String withoutHighAvailability(List<String> jobs) {
        return "This cluster runs without high availability: the JobManager kept "
                + (jobs.isEmpty() ? "its jobs" : "job " + String.join(", ", jobs))
                + " in its memory only, so the job is lost. The TaskManagers fail its tasks once they lose the"
                + " JobManager, and no JobManager will restart it: a new one knows nothing of it."
                + " Its last completed checkpoint is still on disk; resume from it with"
                + " SET 'execution.state-recovery.path' = '<checkpoint directory>/<job id>/chk-N'; as a new job,"
                + " or start the cluster with --ha.";
    }

    @Command(name = "start-jobmanager", mixinStandardHelpOptions = true,
            description = "Starts a JobManager again (with --ha), to stand by or to lead if none does.")
    static final class StartJobManager implements Callable<Integer> {
        @Override
        public Integer call() {
            return run(
                    () -> {
                        final LocalFlinkCluster cluster = cluster();
                        final ClusterProcess started = cluster.startJobManager();
                        System.out.println("started " + started.name() + ": pid " + started.pid()
                                + ", REST API http://127.0.0.1:" + started.restPort());
                        printStatus(cluster);
                        return Cli.OK;
                    });
        }
    }

    @Command(name = "jobs", mixinStandardHelpOptions = true, optionListHeading = "%nOptions:%n",
            description = "Lists the cluster's jobs with what Flink says of their recovery: state, restarts, checkpoints"
                    + " completed and the one restored (bin/sql-client --remote prints its own jobs' lines this way).")
    static final class Jobs implements Callable<Integer> {
        @Option(names = "--since", paramLabel = "EPOCH_MS", description = "Only the jobs started at or after this time (ms since the epoch).")
        long since;

        @Override
        public Integer call() {
            return run(() -> {
                final ClusterAddress address = cluster().address(ELECTION);
                if (!printJobs(new RestApi(address), address, since, true)) {
                    System.out.println("no job started on the cluster" + (since > 0 ? " since " + java.time.Instant.ofEpochMilli(since) : ""));
                }
                return Cli.OK;
            });
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true,
            description = "Lists the objects of the cluster's object store (bin/cluster start --s3) under a path, with their"
                    + " sizes, as Flink's S3 file system sees them: chk-N/_metadata and the state files beside it.")
    static final class ListObjects implements Callable<Integer> {
        @CommandLine.Parameters(paramLabel = "S3_PATH", defaultValue = "s3://demo/", description = "Where to list (default: ${DEFAULT-VALUE}).")
        String path;

        @Override
        public Integer call() {
            return run(() -> {
                final ObjectStore store = cluster().objectStore().filter(ObjectStore::isRunning).orElseThrow(() -> new ClusterException(
                        "no object store runs for the cluster under " + cluster().home() + ": bin/cluster start --s3"));
                if (!path.startsWith("s3://")) {
                    throw new ClusterException(path + " is not an s3:// path (the bucket is s3://" + ObjectStore.BUCKET + "/)");
                }
                S3Plugin.useInThisJvm(store.flinkSettings());
                final List<ObjectStore.Listed> objects = ObjectStore.list(new org.apache.flink.core.fs.Path(path));
                objects.forEach(object -> System.out.printf("%10d  %s%n", object.size(), object.path()));
                System.out.println(objects.size() + " objects under " + path + " (on disk: " + store.bucketFolder() + ")");
                return Cli.OK;
            });
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops the processes bin/cluster started, and only those.")
    static final class Stop implements Callable<Integer> {
        @Override
        public Integer call() {
            return run(
                    () -> {
                        final List<ClusterProcess> stopped = cluster().stop();
                        if (stopped.isEmpty()) {
                            System.out.println("no cluster process was running");
                        }
                        stopped.forEach(process -> System.out.println("stopped " + process));
                        return Cli.OK;
                    });
        }
    }

    private static void awaitCompletedCheckpoint(LocalFlinkCluster cluster) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            final RestApi rest = new RestApi(cluster.address(ELECTION));
            for (String job : cluster.runningJobs()) {
                if (checkpoints(rest, job).matches("checkpoints [1-9].*")) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new ClusterException("no running job completed a checkpoint within a minute");
    }

    /** A job's checkpoints in a line: how many completed, the latest, and the one it restored. */
    private static String checkpoints(RestApi rest, String jobId) {
        final JsonNode checkpoints;
        try {
            checkpoints = rest.get("/jobs/" + jobId + "/checkpoints");
        } catch (IllegalStateException initializing) {
            return "checkpoints: not known yet (the job is initializing)";
        }
        final JsonNode latest = checkpoints.path("latest");
        return String.format("checkpoints %d completed%s, restored %s",
                checkpoints.path("counts").path("completed").asLong(),
                latest.path("completed").isObject() ? " (latest " + latest.path("completed").path("id").asLong() + ")" : "",
                latest.path("restored").isObject() ? "checkpoint " + latest.path("restored").path("id").asLong()
                        + " (" + latest.path("restored").path("external_path").asText() + ")" : "none");
    }

    /** Prints what runs; false when nothing does. */
    private static boolean printStatus(LocalFlinkCluster cluster) throws InterruptedException {
        final List<ClusterProcess> processes = cluster.processes();
        if (processes.isEmpty()) {
            System.out.println("no cluster started under " + cluster.home() + " (bin/cluster start)");
            return false;
        }
        final boolean anyJobManager = processes.stream().anyMatch(p -> p.isJobManager() && p.isAlive());
        ClusterAddress address = null;
        try {
            address = anyJobManager ? cluster.address(ELECTION) : null;
        } catch (ClusterException noLeader) {
            System.out.println(noLeader.getMessage());
        }
        final Optional<ClusterProcess> leader = address == null ? Optional.empty() : cluster.leader();
        final RestApi rest = address == null ? null : new RestApi(address);
        if (address != null) {
            System.out.println("REST API       " + address);
            System.out.println("Web UI         " + address + "/#/overview");
        } else {
            System.out.println("REST API       (no JobManager leads: none answers)");
        }
        final JsonNode taskManagers = rest == null ? null : rest.get("/taskmanagers").path("taskmanagers");
        for (ClusterProcess process : processes) {
            String detail = "";
            if (process.isJobManager() && process.isAlive()) {
                detail = String.format("  %-8s http://127.0.0.1:%d", leader.map(l -> l.pid() == process.pid()).orElse(false)
                        ? "leader" : cluster.isHighlyAvailable() ? "standby" : "", process.restPort());
            }
            if (process.name().equals(ObjectStore.PROCESS) && process.isAlive()) {
                detail = "  " + cluster.objectStore().map(ObjectStore::endpoint).orElse("") + "  s3://" + ObjectStore.BUCKET
                        + "/ (bin/cluster ls)";
            }
            if (taskManagers != null && process.isTaskManager()) {
                for (JsonNode tm : taskManagers) {
                    if (tm.path("id").asText().equals(process.name())) {
                        detail = String.format("  %d of %d slots free", tm.path("freeSlots").asInt(), tm.path("slotsNumber").asInt());
                    }
                }
            }
            System.out.printf("%-14s pid %-8d %s%s%n", process.name(), process.pid(), process.isAlive() ? "running" : "not running", detail);
        }
        if (rest != null) {
            printJobs(rest, address, 0, false);
        }
        return processes.stream().anyMatch(ClusterProcess::isAlive);
    }

    /**
     * Prints each job started at or after {@code since}: its state, checkpoints and Web UI page,
     * and with {@code restarts} how many times it restarted (from its tasks' attempt numbers,
     * which takes a request per task). False when there was none.
     */
    private static boolean printJobs(RestApi rest, ClusterAddress address, long since, boolean restarts) {
        boolean any = false;
        final JobInspector inspector = new JobInspector(address);
        for (JsonNode job : rest.get("/jobs/overview").path("jobs")) {
            if (job.path("start-time").asLong() < since) {
                continue;
            }
            any = true;
            final String id = job.path("jid").asText();
            final String state = job.path("state").asText();
            System.out.printf("job            %s %s %s%n", id, state, job.path("name").asText());
            if (restarts) {
                System.out.printf("               restarts %d%n", inspector.inspectNow(id).restarts());
            }
            System.out.printf("               %s%n", checkpoints(rest, id));
            System.out.printf("               %s%n", address.checkpointsPage(id, !"RUNNING".equals(state)));
        }
        return any;
    }
}
