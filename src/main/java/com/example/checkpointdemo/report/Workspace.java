package com.example.checkpointdemo.report;

import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.runner.ScriptRunner;
import com.example.checkpointdemo.runner.Variant;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where runs happen and what they leave: the cluster, the timeline page (with the copies of
 * restored checkpoints in {@code restored-checkpoints/} beside it), the directory the scripts' relative
 * paths resolve against, settings that override the scripts' own (a test's checkpoint directory),
 * and whether the print sink's rows stay on the console.
 */
public record Workspace(
        ClusterAddress cluster, Path timeline, Path baseDirectory, Map<String, String> settings, boolean echo) {

    /** bin/demo's: the working directory, the scripts' own settings, the rows on the console. */
    public static Workspace of(ClusterAddress cluster, Path timeline) {
        return new Workspace(cluster, timeline, Path.of(""), Map.of(), true);
    }

    /** The same, with the timeline page at {@code file}. */
    public Workspace withTimeline(Path file) {
        return new Workspace(cluster, file, baseDirectory, settings, echo);
    }

    /** The same, printing nothing of the print sink's rows. */
    public Workspace quiet() {
        return new Workspace(cluster, timeline, baseDirectory, settings, false);
    }

    /** A runner for this workspace that keeps the sum the {@code variant} way, failing at {@code failOn} (null: as the script says). */
    public ScriptRunner runner(Variant variant, @Nullable Integer failOn) {
        return new ScriptRunner(cluster, variant, failOn).baseDirectory(baseDirectory)
                .setAll(settings, "this workspace's own folders and timings");
    }

    /** Runs {@code script} with {@code runner} and gathers its evidence. */
    public RunEvidence run(Path script, ScriptRunner runner) {
        return new RecoveryRun(cluster, checkpointCopies(), echo).run(script, runner);
    }

    /** Where copies of restored checkpoints are kept: beside the timeline, in restored-checkpoints/. */
    public Path checkpointCopies() {
        return checkpointCopiesBeside(timeline);
    }

    /** Where a run whose timeline is {@code timeline} keeps the copies of restored checkpoints. */
    public static Path checkpointCopiesBeside(Path timeline) {
        return timeline.toAbsolutePath().getParent().resolve("restored-checkpoints");
    }
}
