package com.example.checkpointdemo.compare;

import com.example.checkpointdemo.plumbing.RestApi;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.runner.Variant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the configurations' job in {@code rounds} rounds (each round every configuration once, so
 * that a slow moment of the machine spreads over all of them), and gathers each run's recovery
 * report and Flink's figures.
 */
public final class Comparison {

    private static final Logger LOG = LoggerFactory.getLogger(Comparison.class);

    private Comparison() {}

    /** The rows of {@code configurations}, run in {@code workspace}. */
    public static List<ComparisonRow> run(Workspace workspace, List<Configuration> configurations, int rounds) {
        final Map<Configuration, List<RecoveryReport>> reports = new LinkedHashMap<>();
        final Map<Configuration, List<CheckpointFigures>> figures = new LinkedHashMap<>();
        final RestApi rest = new RestApi(workspace.cluster());
        for (int round = 1; round <= rounds; round++) {
            for (Configuration configuration : configurations) {
                LOG.info("Round {} of {}: {}: {}", round, rounds, configuration.name(), configuration.what());
                final RunEvidence run = workspace.run(configuration.job(),
                        workspace.runner(Variant.PTF, null).init(configuration.settings()));
                final RecoveryReport report = run.report(null);
                LOG.info("{}: {}", configuration.name(), report.outcome());
                reports.computeIfAbsent(configuration, c -> new ArrayList<>()).add(report);
                figures.computeIfAbsent(configuration, c -> new ArrayList<>()).add(CheckpointFigures.of(rest, run.job().jobId()));
            }
        }
        return configurations.stream()
                .map(configuration -> new ComparisonRow(configuration, reports.get(configuration), figures.get(configuration)))
                .toList();
    }

    /**
     * The backpressure lesson's check: whether unaligned barriers waited less than aligned ones,
     * by Flink's figures; empty unless both configurations ran.
     */
    public static java.util.Optional<Boolean> unalignedWaitedLess(List<ComparisonRow> rows) {
        final ComparisonRow aligned = find(rows, "aligned");
        final ComparisonRow unaligned = find(rows, "unaligned");
        return aligned == null || unaligned == null
                ? java.util.Optional.empty()
                : java.util.Optional.of(unaligned.barrierWaitMillis() < aligned.barrierWaitMillis());
    }

    /** The row of the configuration called {@code name}; null if it did not run. */
    static ComparisonRow find(List<ComparisonRow> rows, String name) {
        return rows.stream().filter(row -> row.configuration().name().equals(name)).findFirst().orElse(null);
    }
}
