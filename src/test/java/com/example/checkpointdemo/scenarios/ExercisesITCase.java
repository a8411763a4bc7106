package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.report.Outcome;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.runner.ScriptException;
import com.example.checkpointdemo.testing.MiniClusters;
import com.example.checkpointdemo.testing.Sandbox;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exercises as {@code bin/demo check NAME} checks them, on one MiniCluster: each starting point
 * in exercises/ does not pass, for the reason its task names, and each solution in solutions/ does.
 * (The Kafka exercise runs in KafkaITCase, on its broker.)
 */
class ExercisesITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.extension();

    @TempDir Path dir;

    private Workspace workspace;

    @BeforeEach
    void setUp() throws java.io.IOException {
        workspace = Sandbox.in(dir).workspace(MiniClusters.address(MINI_CLUSTER));
    }

    @Test
    void theJobThatNeverRestoresPassesOnceItsPacingComesBeforeTheFunction() throws Exception {
        final ScenarioReport start = check("never-restores", null);
        assertThat(start.lessonShown()).as(start.lesson()).isFalse();
        assertThat(start.recovery().outcome()).isEqualTo(Outcome.RESTARTED_FROM_SCRATCH);

        final ScenarioReport solved = check("never-restores", Path.of("solutions/never-restores/job.sql"));
        assertThat(solved.lessonShown()).as(solved.lesson()).isTrue();
        assertThat(solved.recovery().outcome()).isEqualTo(Outcome.PROVEN);
    }

    @Test
    void aFailedOnceFlagInStatePassesOnceTheFunctionFailsByItsAttemptNumber() throws Exception {
        final ScenarioReport start = check("failed-once-flag", null);
        assertThat(start.lessonShown()).as(start.lesson()).isFalse();
        assertThat(start.recovery().outcome()).isEqualTo(Outcome.JOB_DID_NOT_FINISH);
        assertThat(start.recovery().injectedFailures()).isGreaterThan(1);

        final ScenarioReport solved = check("failed-once-flag", Path.of("solutions/failed-once-flag/FailOnceWithAFlag.java"));
        assertThat(solved.lessonShown()).as(solved.lesson()).isTrue();
        assertThat(solved.recovery().outcome()).isEqualTo(Outcome.PROVEN);
        assertThat(solved.recovery().injectedFailures()).isEqualTo(1);
    }

    @Test
    void anUpgradeWithoutTheUidPassesOnceTheCallNamesTheOldOne() throws Exception {
        final ScenarioReport start = check("upgrade-without-uid", null);
        assertThat(start.lessonShown()).as(start.lesson()).isFalse();
        assertThat(start.changedJobs()).anySatisfy(job -> assertThat(job).contains("NOT STARTED", "Cannot map checkpoint/savepoint state"));

        final ScenarioReport solved = check("upgrade-without-uid", Path.of("solutions/upgrade-without-uid/changed.sql"));
        assertThat(solved.lessonShown()).as(solved.lesson()).isTrue();
        assertThat(solved.recovery().outcome()).isEqualTo(Outcome.PROVEN);
    }

    @Test
    void aJavaFileThatDoesNotCompileIsToldWithItsFileAndLine() throws Exception {
        final Path broken = java.nio.file.Files.writeString(dir.resolve("FailOnceWithAFlag.java"),
                java.nio.file.Files.readString(Path.of("exercises/failed-once-flag/FailOnceWithAFlag.java")).replace("state.runningSum += v;", "state.runningSum += w;"));

        assertThatThrownBy(() -> check("failed-once-flag", broken))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining(broken + ":")
                .hasMessageContaining("cannot find symbol");
    }

    private ScenarioReport check(String name, Path file) throws Exception {
        final Exercise exercise = Exercise.named(name).orElseThrow();
        return exercise.checking(file == null ? exercise.file() : file).run(workspace).report();
    }
}
