package com.example.checkpointdemo.cluster;

import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.report.OutputCheck;
import com.example.checkpointdemo.testing.Browser;
import com.example.checkpointdemo.testing.ClusterUnderTest;
import com.example.checkpointdemo.testing.Dashboard;
import com.example.checkpointdemo.testing.Expected;
import com.example.checkpointdemo.testing.Processes;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real cluster: JobManager and two TaskManagers as processes (bin/cluster), the demo script
 * submitted by the SQL Client (bin/sql-client --remote), and the TaskManager running it killed
 * with SIGKILL once bin/cluster status shows a completed checkpoint. The job must finish from a
 * restored checkpoint with an exact committed output, bin/cluster stop must leave nothing running,
 * and the logs must still tell the story afterwards. First the README's step as written: the
 * unchanged demo script through bin/sql-client --remote, with what the cluster says of its job.
 */
class StandaloneClusterITCase {

    @TempDir Path dir;

    private ClusterUnderTest cluster;

    @BeforeEach
    void setUp() throws Exception {
        cluster = new ClusterUnderTest(dir);
    }

    @AfterEach
    void stopWhateverIsLeft() throws InterruptedException {
        cluster.stopWhateverIsLeft();
    }

    private static List<Path> partFiles(Path folder) throws java.io.IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    @Test
    void aJobSurvivesTheLossOfItsTaskManager() throws Exception {
        final Processes.Finished started = cluster.start();
        assertThat(started.exitCode()).as(started.console()).isZero();
        assertThat(started.console()).contains("REST API       http://127.0.0.1:" + cluster.restPort(), "taskmanager-1", "taskmanager-2");
        final List<ProcessHandle> processes = cluster.processes();
        assertThat(processes).hasSize(3);

        // The README's SQL Client step, as written: the script unchanged, its relative paths
        // resolved by the cluster's processes, which bin/cluster starts in the project directory.
        final Path projectOutput = Path.of("output/committed_sums").toAbsolutePath();
        final List<Path> before = partFiles(projectOutput);
        final Processes.Finished asWritten = cluster.bin("bin/sql-client", "--remote", "-f", "sql/checkpoint_demo.sql", "-j", "target/udf.jar");
        assertThat(asWritten.exitCode()).as(asWritten.console()).isZero();
        assertThat(asWritten.console()).as("colours only for a terminal").doesNotContain("\u001b[")
                .contains("What the cluster says of the jobs this script started").contains("FINISHED checkpoint-demo", "restarts 1")
                .containsPattern("restored (checkpoint \\d+ \\(file:/tmp/flink-checkpoint-demo/checkpoints/|none)");
        final List<Path> created = partFiles(projectOutput).stream().filter(file -> !before.contains(file)).toList();
        final OutputCheck demo = OutputCheck.of(Expected.committedRows(created, projectOutput), java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(demo.problems()).isEmpty();
        assertThat(demo.exact()).isTrue();
        assertThat(demo.finalSum()).isEqualTo(210);

        final Path output = dir.resolve("committed");
        final String jobId;
        try (Processes.Started client = cluster.submit(cluster.script(output, true))) {
            jobId = cluster.awaitRunningJob();
            cluster.awaitHeldRow();
            final Processes.Finished status = cluster.bin("bin/cluster", "status", "--await-checkpoint");
            assertThat(status.exitCode()).as(status.console()).isZero();
            assertThat(status.console()).containsPattern("checkpoints [1-9]\\d* completed \\(latest \\d+\\), restored none");
            final Processes.Finished killed = cluster.bin("bin/cluster", "kill-taskmanager");
            assertThat(killed.exitCode()).as(killed.console()).isZero();
            assertThat(killed.console()).containsPattern("killed taskmanager-[12] with SIGKILL: pid \\d+");
            cluster.awaitRestored(jobId);
            cluster.release();

            final Processes.Finished submitted = client.await(Duration.ofMinutes(3));
            assertThat(submitted.exitCode()).as(submitted.console()).isZero();
        }
        final JobFacts job = new JobInspector(ClusterAddress.of("127.0.0.1", cluster.restPort())).inspect(jobId);
        assertThat(job.status()).isEqualTo("FINISHED");
        assertThat(job.restarts()).isGreaterThanOrEqualTo(1);
        assertThat(job.restoredCheckpointId()).isNotNull().isGreaterThanOrEqualTo(1);
        assertThat(job.injectedFailures()).isEmpty();
        // Pinned (docs/cluster.md): a SIGKILLed TaskManager is noticed through its broken
        // connection (the heartbeat RPC fails: "no longer reachable"), not by heartbeat.timeout,
        // which is for heartbeats that silently stop (a paused process, VerifyITCase).
        assertThat(job.otherFailures()).as("how the lost TaskManager was noticed")
                .anyMatch(cause -> cause.contains("is no longer reachable") || cause.contains("Connection unexpectedly closed"))
                .noneMatch(cause -> cause.toLowerCase(java.util.Locale.ROOT).contains("heartbeat of taskmanager"));

        final OutputCheck committed = OutputCheck.of(Expected.committedRowsIn(output.resolve("committed_sums")), ClusterUnderTest.INPUT);
        assertThat(committed.problems()).isEmpty();
        assertThat(committed.exact()).isTrue();
        assertThat(committed.finalSum()).isEqualTo(820);

        // Flink's Web UI on the JobManager shows the job and the checkpoint it restored.
        final java.util.Optional<String> noBrowser = Browser.missing();
        if (noBrowser.isEmpty()) {
            try (Browser browser = Browser.start(dir)) {
                final Dashboard dashboard = new Dashboard(browser, cluster.address());
                assertThat(dashboard.completedJobs()).contains("checkpoint-demo");
                assertThat(dashboard.latestRestore(jobId)).contains("ID: " + job.restoredCheckpointId());
                browser.screenshot(Path.of("target/screenshots/dashboard-cluster-checkpoints.png"));
            }
        }

        final Processes.Finished stopped = cluster.bin("bin/cluster", "stop");
        assertThat(stopped.exitCode()).as(stopped.console()).isZero();
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        // The logs outlive the processes: the JobManager's still starts at its start.
        assertThat(Files.readString(cluster.home().resolve("log/jobmanager.log")))
                .contains("Starting StandaloneSessionClusterEntrypoint")
                .contains("Restoring job " + jobId + " from Checkpoint " + job.restoredCheckpointId());
        noBrowser.ifPresent(missing -> org.junit.jupiter.api.Assumptions.abort("the TaskManager's loss, the exact output and"
                + " the logs were checked and passed; only Flink's Web UI was not: " + missing));
    }
}
