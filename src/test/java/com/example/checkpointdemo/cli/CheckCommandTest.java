package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.scenarios.Exercise;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/demo check as a learner meets it before any job runs: the list of exercises, and what it refuses. */
class CheckCommandTest {

    @Test
    void withoutANameTheExercisesAreListedOneALineWithTheFileToChange() {
        final DemoConsole.Result result = DemoConsole.demo("check");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines().toList()).hasSize(Exercise.ALL.size())
                .allSatisfy(line -> assertThat(line).containsPattern("^[a-z-]+ +\\S.* \\(exercises/[a-z-]+/\\S+\\)$"))
                .anySatisfy(line -> assertThat(line).startsWith("never-restores ").endsWith("(exercises/never-restores/job.sql)"));
        // Each exercise's files are there: the file to change, its task in both languages, a solution.
        Exercise.ALL.forEach(exercise -> {
            assertThat(exercise.file()).isRegularFile();
            assertThat(exercise.folder().resolve("TASK.md")).isRegularFile();
            assertThat(exercise.folder().resolve("TASK.zh-CN.md")).isRegularFile();
            assertThat(java.nio.file.Path.of("solutions", exercise.name(), exercise.fileName())).isRegularFile();
        });
    }

    @Test
    void anUnknownExerciseOrAMissingFileIsNamed() {
        final DemoConsole.Result unknown = DemoConsole.demo("check", "never-restore");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown exercise 'never-restore'; one of: never-restores, failed-once-flag");

        final DemoConsole.Result missing = DemoConsole.demo("check", "never-restores", "--file", "my/job.sql");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("my/job.sql: no such file");
    }
}
