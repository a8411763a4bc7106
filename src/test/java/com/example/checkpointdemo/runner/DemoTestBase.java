package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.testing.CreatedFiles;
import com.example.checkpointdemo.testing.DemoScripts;
import com.example.checkpointdemo.testing.MiniClusters;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

/**
 * Runs real scripts the way {@code bin/demo} does, on one MiniCluster shared by the class, and
 * removes what their jobs wrote to the script's fixed output and checkpoint directories.
 */
abstract class DemoTestBase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.extension();

    CreatedFiles created;

    @BeforeEach
    void rememberExistingFiles() {
        created = DemoScripts.createdByCheckpointDemo();
    }

    @AfterEach
    void removeWhatTheTestWrote() {
        created.close();
    }

    static RecoveryReport runDemo(Path script, Variant variant, Integer failOn) {
        return Demo.run(MiniClusters.address(MINI_CLUSTER), script, variant, failOn);
    }
}
