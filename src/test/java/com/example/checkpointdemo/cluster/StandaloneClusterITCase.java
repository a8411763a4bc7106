package com.example.checkpointdemo.cluster;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.report.JobFacts;
import com.example.checkpointdemo.report.JobInspector;
import com.example.checkpointdemo.rest.ClusterAddress;
import com.example.checkpointdemo.report.OutputCheck;
import com.example.checkpointdemo.rest.RestApi;
import com.example.checkpointdemo.testing.Sandbox;
import com.example.checkpointdemo.testing.Expected;
import com.example.checkpointdemo.testing.Processes;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real cluster: JobManager and two TaskManagers as processes (bin/cluster), the demo script
 * submitted by the SQL Client (bin/sql-client --remote), and the TaskManager running it killed
 * with SIGKILL after the first completed checkpoint. The job must finish from a restored
 * checkpoint with an exact committed output, and bin/cluster stop must leave nothing running.
 */
class StandaloneClusterITCase {

    /** 40 rows at 200 ms: the job runs 8 s, time enough to lose a TaskManager in the middle. */
    private static final List<Long> INPUT = LongStream.rangeClosed(1, 40).boxed().toList();

    @TempDir Path dir;

    private Map<String, String> environment;

    @AfterEach
    void stopWhateverIsLeft() throws InterruptedException {
        LocalFlinkCluster.of(dir.resolve("cluster")).stop();
    }

    @Test
    void aJobSurvivesTheLossOfItsTaskManager() throws Exception {
        environment = Map.of("DEMO_CLUSTER_DIR", dir.resolve("cluster").toString());
        final int restPort = freePort();
        final Processes.Finished started =
                bin("start.txt", "bin/cluster", "start", "--taskmanagers", "2",
                        "--rest-port", String.valueOf(restPort), "--rpc-port", String.valueOf(freePort()));
        assertThat(started.exitCode()).as(started.console()).isZero();
        assertThat(started.console()).contains("REST API       http://127.0.0.1:" + restPort, "taskmanager-1", "taskmanager-2");
        final List<ProcessHandle> clusterProcesses = clusterProcesses();
        assertThat(clusterProcesses).hasSize(3);

        final Path input = Files.write(dir.resolve("numbers.csv"), INPUT.stream().map(String::valueOf).toList());
        final Path output = dir.resolve("committed");
        final Path script = Sandbox.demo().input(input).output(output).faults(FaultPlan.none())
                .set("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString())
                .writeTo(dir.resolve("cluster_demo.sql")).toAbsolutePath();
        final String jobId;
        try (Processes.Started client =
                Processes.start(dir.resolve("client.txt"), environment,
                        "bin/sql-client", "--remote", "-f", script.toString(), "-j", "target/udf.jar")) {
            jobId = awaitRunningJob(new RestApi("127.0.0.1", restPort));
            new JobInspector(new ClusterAddress("127.0.0.1", restPort)).awaitCompletedCheckpoint(jobId, Duration.ofMinutes(1));
            final Processes.Finished killed = bin("kill.txt", "bin/cluster", "kill-taskmanager");
            assertThat(killed.exitCode()).as(killed.console()).isZero();
            assertThat(killed.console()).containsPattern("killed taskmanager-[12] with SIGKILL: pid \\d+");

            final Processes.Finished submitted = client.await(Duration.ofMinutes(3));
            assertThat(submitted.exitCode()).as(submitted.console()).isZero();
        }
        final JobFacts job = new JobInspector(new ClusterAddress("127.0.0.1", restPort)).inspect(jobId);
        assertThat(job.status()).isEqualTo("FINISHED");
        assertThat(job.restarts()).isGreaterThanOrEqualTo(1);
        assertThat(job.restoredCheckpointId()).isNotNull().isGreaterThanOrEqualTo(1);
        assertThat(job.injectedFailures()).isEmpty();

        final OutputCheck committed = OutputCheck.of(Expected.committedRowsIn(output.resolve("committed_sums")), INPUT);
        assertThat(committed.problems()).isEmpty();
        assertThat(committed.exact()).isTrue();
        assertThat(committed.finalSum()).isEqualTo(820);
        assertThat(committed.resumedSum()).isPositive();

        final Processes.Finished stopped = bin("stop.txt", "bin/cluster", "stop");
        assertThat(stopped.exitCode()).as(stopped.console()).isZero();
        assertThat(clusterProcesses).noneMatch(ProcessHandle::isAlive);
    }

    private Processes.Finished bin(String console, String... command) throws IOException, InterruptedException {
        return Processes.run(dir.resolve(console), environment, command);
    }

    /** The JobManager's and TaskManagers' processes, from the pid files bin/cluster wrote. */
    private List<ProcessHandle> clusterProcesses() {
        return LocalFlinkCluster.of(dir.resolve("cluster")).processes().stream()
                .map(process -> ProcessHandle.of(process.pid()).orElseThrow())
                .toList();
    }

    private static String awaitRunningJob(RestApi rest) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode job : rest.get("/jobs/overview").path("jobs")) {
                if ("RUNNING".equals(job.path("state").asText())) {
                    return job.path("jid").asText();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no job started running on the cluster");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
