package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.plumbing.Directories;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.Outcome;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.runner.FunctionJar;
import com.example.checkpointdemo.runner.Variant;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An exercise (exercises/NAME): a lesson's job that does not recover, the file a learner changes,
 * and the check of the learner's version. The check is a scenario whose lesson is "shown" only
 * when the report's facts say the job now recovers: never on a final sum alone.
 */
public record Exercise(String name, String fileName, String summary, boolean needsKafka, Check check) {

    /** Every exercise, in the order of the lessons they come from. */
    public static final List<Exercise> ALL = List.of(
            new Exercise("never-restores", "job.sql",
                    "the course's program: fails once, ends at 210, yet restarts from scratch", false, Exercise::asWritten),
            new Exercise("failed-once-flag", "FailOnceWithAFlag.java",
                    "\"failed once\" kept in state: the job fails on every attempt", false, Exercise::compiled),
            new Exercise("kafka-not-exactly-once", "job.sql",
                    "the state is restored, yet read_committed sees some sums twice", true,
                    (exercise, file, workspace) -> exercise.judge(workspace, KafkaIsolationScenario.failedPastACheckpoint(workspace, file))),
            new Exercise("upgrade-without-uid", "changed.sql",
                    "a job's new version cannot start from the old one's savepoint", false, Exercise::upgraded));

    /** How an exercise runs a learner's file and judges it. */
    @FunctionalInterface
    public interface Check {
        Scenario.Outcome run(Exercise exercise, Path file, Workspace workspace) throws Exception;
    }

    public static Optional<Exercise> named(String name) {
        return ALL.stream().filter(exercise -> exercise.name.equals(name)).findFirst();
    }

    /** The exercise's folder. */
    public Path folder() {
        return Path.of("exercises", name);
    }

    /** The file the learner changes, as it starts. */
    public Path file() {
        return folder().resolve(fileName);
    }

    /** The task, in English (TASK.zh-CN.md beside it in Chinese). */
    public Path task() {
        return folder().resolve(Text.language() == Text.Language.ZH ? "TASK.zh-CN.md" : "TASK.md");
    }

    /** The check of {@code learners}, the learner's version of {@link #file()}, as a scenario to run. */
    public Scenario checking(Path learners) {
        return new Scenario() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Path script() {
                return learners;
            }

            @Override
            public Scenario.Outcome run(Workspace workspace) throws Exception {
                return check.run(Exercise.this, learners, workspace);
            }

            @Override
            public boolean needsKafka() {
                return needsKafka;
            }
        };
    }

    /** The learner's script, after the scenarios' init.sql, as written. */
    private static Scenario.Outcome asWritten(Exercise exercise, Path file, Workspace workspace) {
        return exercise.judge(workspace, workspace.run(file, workspace.runner(Variant.PTF, null).init(Scenario.INIT)));
    }

    /**
     * The learner's Java function, compiled and shipped as a jar with the exercise's own script.
     * The runner finds the function's state class through the thread's class loader, to read the
     * running sum from the checkpoint: that loader sees the jar too while the job runs.
     */
    private static Scenario.Outcome compiled(Exercise exercise, Path file, Workspace workspace) throws Exception {
        final Path folder = Files.createTempDirectory("exercise-" + exercise.name + "-");
        try {
            final Path jar = FunctionJar.compile(file, folder);
            final ClassLoader before = Thread.currentThread().getContextClassLoader();
            try (URLClassLoader functions = new URLClassLoader(new URL[] {jar.toUri().toURL()}, before)) {
                Thread.currentThread().setContextClassLoader(functions);
                final RunEvidence run = workspace.run(exercise.folder().resolve("job.sql"),
                        workspace.runner(Variant.PTF, null).init(Scenario.INIT).jars(List.of(jar)));
                return exercise.judge(workspace, run);
            } finally {
                Thread.currentThread().setContextClassLoader(before);
            }
        } finally {
            Directories.delete(folder);
        }
    }

    /**
     * The upgrade lesson's first job, stopped with a savepoint, then the learner's changed script
     * started from it: it passes when the changed job kept the function's state.
     */
    private static Scenario.Outcome upgraded(Exercise exercise, Path file, Workspace workspace) throws Exception {
        final Scenario.Outcome upgrade = new UpgradeScenario(exercise.name, UpgradeScenario.DEPLOYED, file, false,
                UpgradeScenario.Expected.KEPT, Text.of("the function called RunningSum")).run(workspace);
        final ScenarioReport report = upgrade.report();
        final String lesson = report.lessonShown()
                ? Text.format("Passed: the changed job started from the savepoint and went on from the sum it holds (%s).",
                        report.savepointHolds())
                : Text.format("Not yet: %s The task, with a hint: %s.", report.lesson(), exercise.task());
        return new Scenario.Outcome(report.judged(exercise.name, report.lessonShown(), lesson), upgrade.runs());
    }

    /** Passed when the run's recovery is proven by Flink's facts, with the failure injected once. */
    private Scenario.Outcome judge(Workspace workspace, RunEvidence run) {
        final RecoveryReport report = run.report(workspace.timeline().toString());
        final boolean passed = report.outcome() == Outcome.PROVEN && report.injectedFailures() == 1;
        final String lesson = passed
                ? Text.format("Passed: the job restored checkpoint %s, resumed from the sum its files hold (%s) and"
                        + " committed each value once. It recovers.", report.restoredCheckpointId(), report.resumedSum())
                : Text.format("Not yet: %s, as the verdict above says. The task, with a hint: %s.", report.outcome().label(), task());
        return new Scenario.Outcome(ScenarioReport.of(name, passed, lesson, report), List.of(run));
    }

    /** The exercises as bin/demo check lists them: name, what is wrong, the file to change. */
    public static List<String> listing() {
        return ALL.stream().map(exercise -> String.format("%-24s %s (%s)", exercise.name, Text.of(exercise.summary), exercise.file()))
                .toList();
    }
}
