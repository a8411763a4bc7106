package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.cluster.LocalFlinkCluster;
import com.example.checkpointdemo.lab.LabServer;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.report.Workspace;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code bin/demo lab}: the demo job in a page of its own, where the learner causes the failure. */
@Command(
        name = "lab",
        mixinStandardHelpOptions = true,
        versionProvider = Versions.class,
        optionListHeading = "%nOptions:%n",
        description = {
            "Runs the demo job behind a web page on 127.0.0.1 that shows it live.",
            "",
            "The page shows each row, each checkpoint and the sums read from its files, the",
            "failure you cause with \"fail now\", the checkpoint restored, the committed rows,",
            "and the verdict. Prints the page's address; Ctrl-C ends everything."
        })
final class LabCommand implements Callable<Integer> {

    @Option(names = "--sql", paramLabel = "FILE", defaultValue = "sql/checkpoint_demo.sql",
            description = {"The script to run.", "Default: ${DEFAULT-VALUE}"})
    Path sql;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "The page's port (default: a free one).")
    int port;

    @Option(names = "--remote", description = "Run the jobs on the cluster bin/cluster started (target/cluster, or $DEMO_CLUSTER_DIR)"
            + " instead of an embedded one: the page can then kill a TaskManager, and the leading JobManager of bin/cluster start --ha.")
    boolean remote;

    @Option(names = "--verbose", description = "Show stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Ctrl-C (or SIGTERM) asks the lab to stop; the JVM waits for it to have stopped. */
    private final CountDownLatch stopAsked = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() {
        if (!java.nio.file.Files.isRegularFile(sql)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sql " + sql + ": no such file");
        }
        // Ctrl-C ends the JVM without leaving the blocks below: the hook lets them end first, so that the
        // job is cancelled (on a cluster it would run on), the lab's files deleted and the embedded
        // cluster stopped (which deletes the RPC system's jar it unpacked into the temp folder).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAsked.countDown();
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lab-ctrl-c"));
        try {
            if (remote) {
                return ClusterCommand.run(() -> {
                    final LocalFlinkCluster cluster = ClusterCommand.cluster();
                    final ClusterAddress leader = cluster.address(); // fails with a message when no cluster runs
                    return serve(Workspace.of(LabServer.addressOn(cluster), TIMELINE), cluster, leader);
                });
            }
            return Cli.onEmbeddedCluster(verbose, false, cluster -> serve(Workspace.of(cluster, TIMELINE), null, cluster));
        } finally {
            if (stopAsked.getCount() == 0) {
                System.out.println("The lab stopped: its job was cancelled, its files deleted" + (remote ? "." : ", its cluster stopped."));
            }
            stopped.countDown();
        }
    }

    private static final Path TIMELINE = Path.of("target/lab/recovery.html");

    /** Serves the page until Ctrl-C, which ends the server and the job it runs. */
    private int serve(Workspace workspace, @Nullable LocalFlinkCluster remote, ClusterAddress webUi) throws Exception {
        try (LabServer lab = LabServer.start(workspace, sql, port, remote)) {
            System.out.println("The live lab is at " + lab.address() + " (Flink's Web UI: " + webUi + "). Ctrl-C ends it.");
            stopAsked.await();
            System.out.println("Stopping the lab...");
            return Cli.OK;
        }
    }
}
