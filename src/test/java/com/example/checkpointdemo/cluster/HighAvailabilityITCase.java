package com.example.checkpointdemo.cluster;

import com.example.checkpointdemo.plumbing.FlinkFiles;
import com.example.checkpointdemo.report.CommittedFiles;
import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.report.OutputCheck;
import com.example.checkpointdemo.testing.ClusterUnderTest;
import com.example.checkpointdemo.testing.Processes;

import org.apache.flink.core.fs.FileStatus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TaskManager and then the leading JobManager killed, with everything in an object store:
 * bin/cluster start --ha --s3 (S3Proxy, ZooKeeper, two JobManagers, two TaskManagers, each with
 * folders of its own), the demo script on another input read from s3:// and committing to s3://,
 * submitted with bin/sql-client --remote. After the TaskManager's death the job restarts from a
 * checkpoint read from the store; after the leader's, the standby takes over and recovers the job
 * from the latest checkpoint, found through the HA data in the store. The job finishes with each
 * value committed once and the right running sums, no checkpoint ever lay on a local disk, and
 * bin/cluster stop leaves no process, the store's included.
 */
class HighAvailabilityITCase {

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

    @Test
    void aJobOnTheObjectStoreSurvivesATaskManagerAndTheLeadingJobManager() throws Exception {
        final Processes.Finished started = cluster.start("--ha", "--s3");
        assertThat(started.exitCode()).as(started.console()).isZero();
        // One of the two leads, whichever won the election; the other stands by.
        assertThat(started.console().lines().filter(line -> line.matches("jobmanager-[12] +pid \\d+ +running  leader .*"))).hasSize(1);
        assertThat(started.console().lines().filter(line -> line.matches("jobmanager-[12] +pid \\d+ +running  standby .*"))).hasSize(1);
        assertThat(started.console()).containsPattern("s3proxy +pid \\d+ +running  http://127\\.0\\.0\\.1:\\d+  s3://demo/");
        final List<ProcessHandle> processes = cluster.processes();
        assertThat(processes).hasSize(6); // the store, ZooKeeper, 2 JobManagers, 2 TaskManagers

        // The client submits and returns: the job is followed on the leader's REST API.
        final Processes.Finished submitted = cluster.submit(cluster.s3Script()).await(Duration.ofMinutes(3));
        assertThat(submitted.exitCode()).as(submitted.console()).isZero();
        final String jobId = cluster.awaitRunningJob();
        cluster.awaitHeldRow();
        final Processes.Finished status = cluster.bin("bin/cluster", "status", "--await-checkpoint");
        assertThat(status.console()).containsPattern("checkpoints [1-9]\\d* completed");
        // The checkpoints lie in the store alone (its folder, on this one machine), none on a process's
        // own disk; each process has working folders of its own.
        try (Stream<Path> files = Files.walk(cluster.home())) {
            assertThat(files.filter(file -> file.getFileName().toString().equals("_metadata")))
                    .isNotEmpty()
                    .allMatch(file -> file.startsWith(cluster.home().resolve("s3/demo/checkpoints/" + jobId)));
        }
        assertThat(cluster.home().resolve("work")).isDirectoryContaining(p -> p.getFileName().toString().equals("taskmanager-1"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("taskmanager-2"));

        final Processes.Finished killedTaskManager = cluster.bin("bin/cluster", "kill-taskmanager");
        assertThat(killedTaskManager.exitCode()).as(killedTaskManager.console()).isZero();
        assertThat(cluster.awaitRestored(jobId)).startsWith("s3://demo/checkpoints/" + jobId + "/chk-");

        final ClusterProcess leader = cluster.cluster().leader().orElseThrow();
        final Processes.Finished killedJobManager = cluster.bin("bin/cluster", "kill-jobmanager");
        assertThat(killedJobManager.exitCode()).as(killedJobManager.console()).isZero();
        assertThat(killedJobManager.console()).contains("killed " + leader.name() + " (the leader) with SIGKILL: pid " + leader.pid());

        // The new leader recovers the job from the store, and the held row is let go once it runs again.
        assertThat(cluster.awaitRestored(jobId)).startsWith("s3://demo/checkpoints/" + jobId + "/chk-");
        cluster.release();
        assertThat(cluster.awaitEnd(jobId, Duration.ofMinutes(3))).isEqualTo("FINISHED");
        assertThat(cluster.cluster().leader().orElseThrow().name()).isNotEqualTo(leader.name());
        final JobFacts job = new JobInspector(cluster.address()).inspect(jobId);
        assertThat(job.restoredCheckpointPath()).startsWith("s3://demo/checkpoints/");

        // The committed output, read from the bucket through Flink's S3 file system.
        final List<org.apache.flink.core.fs.Path> parts = FlinkFiles.files(
                new org.apache.flink.core.fs.Path(ClusterUnderTest.S3_OUTPUT + "/committed_sums"), false).stream()
                .map(FileStatus::getPath).toList();
        final OutputCheck committed = OutputCheck.of(CommittedFiles.sumRows(parts), ClusterUnderTest.INPUT);
        assertThat(committed.problems()).isEmpty();
        assertThat(committed.exact()).isTrue();
        assertThat(committed.finalSum()).isEqualTo(820);

        final Processes.Finished stopped = cluster.bin("bin/cluster", "stop");
        assertThat(stopped.exitCode()).as(stopped.console()).isZero();
        assertThat(stopped.console()).contains("stopped s3proxy");
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
    }
}
