package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.runner.ClusterAddress;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One of the lessons as something to run: its script, how to run it, what it must show. */
public interface Scenario {

    /** Every scenario, in the order the README tells them. */
    List<Scenario> ALL =
            List.of(
                    new DuplicatesScenario(),
                    new NoCheckpointScenario(),
                    new StateFlagScenario(),
                    new ResumeScenario(),
                    new RescaleScenario());

    /** The name on the command line, e.g. {@code no-checkpoint}. */
    String name();

    /** The script it runs. */
    Path script();

    /** The initialization script the scenario scripts share (the SQL Client's {@code -i}). */
    Path INIT = Path.of("sql/scenarios/init.sql");

    /** Runs the scenario on the cluster at {@code cluster} and judges what it showed. */
    ScenarioReport run(ClusterAddress cluster) throws Exception;

    static Optional<Scenario> named(String name) {
        return ALL.stream().filter(scenario -> scenario.name().equals(name)).findFirst();
    }
}
