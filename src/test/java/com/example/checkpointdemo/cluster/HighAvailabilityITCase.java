package com.example.checkpointdemo.cluster;

import com.example.checkpointdemo.report.JobFacts;
import com.example.checkpointdemo.report.JobInspector;
import com.example.checkpointdemo.report.OutputCheck;
import com.example.checkpointdemo.testing.ClusterUnderTest;
import com.example.checkpointdemo.testing.Expected;
import com.example.checkpointdemo.testing.Processes;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JobManager failover: bin/cluster start --ha (ZooKeeper, two JobManagers, two TaskManagers), the
 * demo script on another input submitted with bin/sql-client --remote, the leading JobManager killed
 * with SIGKILL once a checkpoint completed. The standby must take over and finish the job from
 * the latest completed checkpoint, each value committed once with the right running sums, and
 * bin/cluster stop must leave no process.
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
    void theStandbyJobManagerTakesOverAndFinishesTheJobFromItsLatestCheckpoint() throws Exception {
        final Processes.Finished started = cluster.start("--ha");
        assertThat(started.exitCode()).as(started.console()).isZero();
        // One of the two leads, whichever won the election; the other stands by.
        assertThat(started.console().lines().filter(line -> line.matches("jobmanager-[12] +pid \\d+ +running  leader .*"))).hasSize(1);
        assertThat(started.console().lines().filter(line -> line.matches("jobmanager-[12] +pid \\d+ +running  standby .*"))).hasSize(1);
        final List<ProcessHandle> processes = cluster.processes();
        assertThat(processes).hasSize(5); // ZooKeeper, 2 JobManagers, 2 TaskManagers

        // The client submits and returns: the job is followed on the leader's REST API.
        final Path output = dir.resolve("committed");
        final Processes.Finished submitted = cluster.submit(cluster.script(output, false)).await(Duration.ofMinutes(3));
        assertThat(submitted.exitCode()).as(submitted.console()).isZero();
        final String jobId = cluster.awaitRunningJob();
        cluster.awaitHeldRow();
        final Processes.Finished status = cluster.bin("bin/cluster", "status", "--await-checkpoint");
        assertThat(status.console()).containsPattern("checkpoints [1-9]\\d* completed");

        final ClusterProcess leader = cluster.cluster().leader().orElseThrow();
        final Processes.Finished killed = cluster.bin("bin/cluster", "kill-jobmanager");
        assertThat(killed.exitCode()).as(killed.console()).isZero();
        assertThat(killed.console()).contains("killed " + leader.name() + " (the leader) with SIGKILL: pid " + leader.pid());

        // The new leader recovers the job, and the held row is let go once it runs again.
        cluster.awaitRestored(jobId);
        cluster.release();
        assertThat(cluster.awaitEnd(jobId, Duration.ofMinutes(3))).isEqualTo("FINISHED");
        final ClusterProcess newLeader = cluster.cluster().leader().orElseThrow();
        assertThat(newLeader.name()).isNotEqualTo(leader.name());
        final JobFacts job = new JobInspector(cluster.address()).inspect(jobId);
        assertThat(job.restoredCheckpointId()).isNotNull().isGreaterThanOrEqualTo(1);

        final OutputCheck committed = OutputCheck.of(Expected.committedRowsIn(output.resolve("committed_sums")), ClusterUnderTest.INPUT);
        assertThat(committed.problems()).isEmpty();
        assertThat(committed.exact()).isTrue();
        assertThat(committed.finalSum()).isEqualTo(820);

        final Processes.Finished stopped = cluster.bin("bin/cluster", "stop");
        assertThat(stopped.exitCode()).as(stopped.console()).isZero();
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
    }
}
