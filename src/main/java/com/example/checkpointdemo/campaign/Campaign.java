package com.example.checkpointdemo.campaign;

import com.example.checkpointdemo.plumbing.Directories;
import com.example.checkpointdemo.plumbing.LogFile;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.plumbing.Json;
import com.example.checkpointdemo.runner.DemoScriptCopy;
import com.example.checkpointdemo.timeline.TimelineSvg;
import com.example.checkpointdemo.plumbing.Text;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fault campaign: runs of the demo script with random fault plans (1 to 3 failures at random
 * values), checkpoint intervals, pacing, inputs and variants, each verified. A failing run keeps
 * its script, input, report, timeline and Flink log under the campaign's directory (created only
 * then), to replay with {@code bin/demo --sql} or the same seed.
 */
public final class Campaign {

    private static final String HEADER =
            String.format("%4s  %-10s %5s  %-14s %9s %5s  %8s %8s %8s  %s",
                    "run", "variant", "rows", "fault plan", "interval", "pace", "injected", "restored", "resumed", "result");

    private final Workspace workspace;
    private final long seed;
    private final Path directory;
    private final @Nullable Path log;
    private final PrintStream out;

    /**
     * A campaign on {@code cluster} keeping failing runs under {@code directory}; {@code log} is
     * the Flink log file to cut each run's part from (null: none).
     */
    public Campaign(ClusterAddress cluster, long seed, Path directory, @Nullable Path log, PrintStream out) {
        this.workspace = Workspace.of(cluster, directory.resolve("timeline.html"));
        this.seed = seed;
        this.directory = directory;
        this.log = log;
        this.out = out;
    }

    /** Runs {@code runs} runs, printing a row each; returns the results. */
    public List<RunResult> run(int runs) throws IOException {
        out.println(HEADER);
        final List<RunResult> results = new ArrayList<>();
        for (int number = 1; number <= runs; number++) {
            final RunResult result = run(RunPlan.of(seed, number));
            results.add(result);
            out.println(row(result));
        }
        final long failed = results.stream().filter(r -> !r.passed()).count();
        out.printf("%d passed, %d failed%n", runs - failed, failed);
        if (failed > 0) {
            out.println("Failing runs are kept in " + directory + " (script.sql, input.csv, report.json, timeline.html, flink.log).");
        }
        return results;
    }

    private RunResult run(RunPlan plan) throws IOException {
        // Each run works in a folder of its own, kept in the campaign's directory only if it fails.
        final Path runDirectory = Files.createTempDirectory("campaign-run-" + plan.number() + "-");
        final Path input = Files.write(runDirectory.resolve("input.csv"), plan.input().stream().map(String::valueOf).toList());
        final Path script =
                DemoScriptCopy.of(DemoScriptCopy.DEMO)
                        .input(input)
                        .output(runDirectory)
                        .faults(plan.faults())
                        .pace(plan.paceMs())
                        .set("execution.checkpointing.interval", plan.checkpointIntervalMs() + "ms")
                        .set("execution.checkpointing.min-pause", "0ms")
                        .set("restart-strategy.fixed-delay.delay", "500ms")
                        .set("execution.checkpointing.dir", runDirectory.resolve("checkpoints").toUri().toString())
                        .writeTo(runDirectory.resolve("script.sql"));
        final Workspace runSpace = workspace.withTimeline(runDirectory.resolve("timeline.html")).quiet();

        final long logStart = log == null ? 0 : LogFile.at(log).mark();
        RunResult result;
        try {
            final RunEvidence run = runSpace.run(script, runSpace.runner(plan.variant(), null));
            final RecoveryReport report = run.report("timeline.html");
            Json.write(report, runDirectory.resolve("report.json"));
            TimelineSvg.write(Text.format("Campaign run %d (%s, fault plan %s)", plan.number(), plan.variant().id(), plan.faults()),
                    List.of(run), report, runSpace.timeline());
            result = RunResult.judge(plan, report, run.job());
        } catch (RuntimeException e) {
            result = RunResult.error(plan, String.valueOf(e.getMessage()));
        }
        if (result.passed()) {
            Directories.delete(runDirectory);
        } else {
            if (log != null) {
                Files.write(runDirectory.resolve("flink.log"), LogFile.at(log).since(logStart));
            }
            final Path kept = directory.resolve("run-" + plan.number());
            Directories.delete(kept);
            Directories.copy(runDirectory, kept);
            Directories.delete(runDirectory);
        }
        return result;
    }

    private static String row(RunResult result) {
        final RunPlan plan = result.plan();
        final RecoveryReport report = result.report();
        return String.format("%4d  %-10s %5d  %-14s %7dms %3dms  %8s %8s %8s  %s",
                plan.number(), plan.variant().id(), plan.input().size(), plan.faults(),
                plan.checkpointIntervalMs(), plan.paceMs(),
                report == null ? "-" : report.injectedFailures(),
                report == null || report.restoredCheckpointId() == null ? "-" : report.restoredCheckpointId(),
                report == null || report.resumedSum() == null ? "-" : report.resumedSum(),
                result.passed() ? "passed" : "FAILED: " + result.reason());
    }
}
