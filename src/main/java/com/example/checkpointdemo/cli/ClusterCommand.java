package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.cluster.ClusterException;
import com.example.checkpointdemo.cluster.ClusterProcess;
import com.example.checkpointdemo.cluster.LocalFlinkCluster;
import com.example.checkpointdemo.rest.RestApi;
import com.example.checkpointdemo.rest.ClusterAddress;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code bin/cluster}: a standalone Flink cluster of real processes on this machine. */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        subcommands = {
            ClusterCommand.Start.class,
            ClusterCommand.Status.class,
            ClusterCommand.KillTaskManager.class,
            ClusterCommand.Stop.class
        },
        description = {
            "A standalone Flink 2.3 cluster as processes on this machine: a JobManager and TaskManagers",
            "started from the project's Maven dependencies, listening on 127.0.0.1. Its configuration,",
            "logs and pids are under target/cluster (or $DEMO_CLUSTER_DIR).",
            "Submit with: bin/sql-client --remote -f sql/checkpoint_demo.sql -j target/udf.jar"
        })
public final class ClusterCommand {

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

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Starts a JobManager and TaskManagers; returns once they serve.")
    static final class Start implements Callable<Integer> {
        @Option(names = "--taskmanagers", paramLabel = "N", defaultValue = "2", description = "How many TaskManagers (default: ${DEFAULT-VALUE}), 2 slots each.")
        int taskManagers;

        @Option(names = "--rest-port", paramLabel = "PORT", defaultValue = "8081", description = "The REST API's port (default: ${DEFAULT-VALUE}).")
        int restPort;

        @Option(names = "--rpc-port", paramLabel = "PORT", defaultValue = "6123", description = "The JobManager's RPC port (default: ${DEFAULT-VALUE}).")
        int rpcPort;

        @Override
        public Integer call() {
            return run(
                    () -> {
                        final LocalFlinkCluster cluster = cluster();
                        System.out.println("Starting a JobManager and " + taskManagers + " TaskManagers (logs in " + cluster.home().resolve("log") + ")...");
                        cluster.start(taskManagers, restPort, rpcPort);
                        printStatus(cluster);
                        return Cli.OK;
                    });
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Prints the REST address, the processes and the jobs.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            return run(() -> printStatus(cluster()) ? Cli.OK : Cli.NOT_SHOWN);
        }
    }

    @Command(name = "kill-taskmanager", mixinStandardHelpOptions = true, description = "Sends SIGKILL to the TaskManager that runs the current job.")
    static final class KillTaskManager implements Callable<Integer> {
        @Override
        public Integer call() {
            return run(
                    () -> {
                        final ClusterProcess killed = cluster().killTaskManagerOfRunningJob();
                        System.out.println("killed " + killed.name() + " with SIGKILL: pid " + killed.pid());
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

    /** Prints what runs; false when nothing does. */
    private static boolean printStatus(LocalFlinkCluster cluster) {
        final List<ClusterProcess> processes = cluster.processes();
        if (processes.isEmpty()) {
            System.out.println("no cluster started under " + cluster.home() + " (bin/cluster start)");
            return false;
        }
        final ClusterAddress address = cluster.address();
        final RestApi rest = new RestApi(address.host(), address.port());
        System.out.println("REST API       " + address + (rest.isUp() ? "" : "  (not answering)"));
        final JsonNode taskManagers = rest.isUp() ? rest.get("/taskmanagers").path("taskmanagers") : null;
        for (ClusterProcess process : processes) {
            String slots = "";
            if (taskManagers != null) {
                for (JsonNode tm : taskManagers) {
                    if (tm.path("id").asText().equals(process.name())) {
                        slots = String.format("  %d of %d slots free", tm.path("freeSlots").asInt(), tm.path("slotsNumber").asInt());
                    }
                }
            }
            System.out.printf("%-14s pid %-8d %s%s%n", process.name(), process.pid(), process.isAlive() ? "running" : "not running", slots);
        }
        if (rest.isUp()) {
            for (JsonNode job : rest.get("/jobs/overview").path("jobs")) {
                System.out.printf("job            %s %s %s%n", job.path("jid").asText(), job.path("state").asText(), job.path("name").asText());
            }
        }
        return processes.stream().anyMatch(ClusterProcess::isAlive);
    }
}
