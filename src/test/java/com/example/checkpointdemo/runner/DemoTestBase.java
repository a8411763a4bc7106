package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.testing.ManualCheckpoint;
import com.example.checkpointdemo.testing.MiniClusters;
import com.example.checkpointdemo.testing.Sandbox;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs real scripts the way {@code bin/demo} does, on one MiniCluster shared by the class, each
 * test in a {@link Sandbox} of its own.
 */
abstract class DemoTestBase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.extension();

    @TempDir Path dir;

    Sandbox sandbox;

    @BeforeEach
    void setUpSandbox() throws IOException {
        sandbox = Sandbox.in(dir);
    }

    /** Runs {@code script} keeping the sum the {@code variant} way, failing at {@code failOn} (null: as the script says). */
    RunEvidence run(Path script, Variant variant, Integer failOn) {
        final Workspace workspace = sandbox.workspace(MiniClusters.address(MINI_CLUSTER));
        return workspace.run(script, workspace.runner(variant, failOn));
    }

    /**
     * Runs a {@link Sandbox#manual} copy that holds the row {@code holdAt}, triggering its one
     * checkpoint once the row is held.
     */
    RunEvidence runWithManualCheckpoint(Path script, int holdAt, Variant variant, Integer failOn) {
        final Workspace workspace = sandbox.workspace(MiniClusters.address(MINI_CLUSTER));
        return workspace.run(script, workspace.runner(variant, failOn)
                .whileRunning(ManualCheckpoint.whenHeld(workspace.cluster(), sandbox.checkpoints(), holdAt)));
    }
}
