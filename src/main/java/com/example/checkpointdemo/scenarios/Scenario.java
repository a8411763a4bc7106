package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** One of the lessons as something to run: its script, how to run it, what it must show. */
public interface Scenario {

    /** Every scenario, in the order the README tells them. */
    List<Scenario> ALL =
            Stream.concat(Stream.of(
                    new DuplicatesScenario(),
                    new NoCheckpointScenario(),
                    new StateFlagScenario(),
                    new ResumeScenario(),
                    new RescaleScenario(),
                    new TtlDowntimeScenario(),
                    new TimersScenario(),
                    new EventTimeScenario(),
                    new SourceNotReplayableScenario(),
                    new AtLeastOnceScenario(),
                    new TwoPhaseCommitScenario(),
                    new KafkaIsolationScenario(),
                    new KafkaTwoPhaseCommitScenario(),
                    new KafkaTimeoutScenario(),
                    new KafkaDowntimeScenario(),
                    new KafkaBrokerKillScenario(),
                    new UpsertScenario(),
                    new S3OutageScenario()), UpgradeScenario.all().stream())
                    .toList();

    /** The initialization script the scenario scripts share (the SQL Client's {@code -i}). */
    Path INIT = Path.of("sql/scenarios/init.sql");

    /** What a scenario showed, and the runs it made (one job, or two), for the timeline. */
    record Outcome(ScenarioReport report, List<RunEvidence> runs) {}

    /** The name on the command line, e.g. {@code no-checkpoint}. */
    String name();

    /** The script it runs. */
    Path script();

    /** Runs the scenario in {@code workspace} and judges what it showed. */
    Outcome run(Workspace workspace) throws Exception;

    /** Whether it needs a Kafka broker (the workspace's; {@code bin/demo scenario} starts one). */
    default boolean needsKafka() {
        return false;
    }

    /** Whether it needs an object store of its own (the workspace's; {@code bin/demo scenario} starts one). */
    default boolean needsObjectStore() {
        return false;
    }

    static Optional<Scenario> named(String name) {
        return ALL.stream().filter(scenario -> scenario.name().equals(name)).findFirst();
    }
}
