package com.example.checkpointdemo.webui;

import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.runner.Variant;
import com.example.checkpointdemo.testing.Browser;
import com.example.checkpointdemo.testing.Dashboard;
import com.example.checkpointdemo.testing.ManualCheckpoint;
import com.example.checkpointdemo.testing.MiniClusters;
import com.example.checkpointdemo.testing.Sandbox;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flink's Web UI on the embedded cluster bin/demo starts (the same configuration), looked at in a
 * real browser after the demo ran: the job is listed, and its Checkpoints page shows the checkpoint
 * it restored.
 */
class DashboardITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.extension();

    @TempDir Path dir;

    @Test
    void theCheckpointsPageShowsTheRestoredCheckpoint() throws Exception {
        final Sandbox sandbox = Sandbox.in(dir);
        final Workspace workspace = sandbox.workspace(MiniClusters.address(MINI_CLUSTER));
        final RunEvidence run = workspace.run(sandbox.manual(Sandbox.demo(), 8), workspace.runner(Variant.PTF, null)
                .whileRunning(ManualCheckpoint.whenHeld(workspace.cluster(), sandbox.checkpoints(), 8)));
        final ClusterAddress cluster = workspace.cluster();

        try (Browser browser = Browser.start(dir)) {
            final Dashboard dashboard = new Dashboard(browser, cluster);
            assertThat(dashboard.completedJobs()).contains("checkpoint-demo").contains("FINISHED");
            final String restore = dashboard.latestRestore(run.job().jobId());
            browser.screenshot(Path.of("target/screenshots/dashboard-embedded-checkpoints.png"));
            assertThat(restore).contains("ID: " + run.job().restoredCheckpointId());
            assertThat(browser.errors()).isEmpty();
        }
    }
}
