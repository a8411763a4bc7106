package com.example.checkpointdemo.testing;

import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.runner.DemoScriptCopy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A test's own place to run the project's scripts: a base directory holding a copy of {@code
 * data/}, against which the scripts' relative paths ({@code data/...}, {@code output/...})
 * resolve, and checkpoint and savepoint directories of its own. Nothing is written to the
 * project's {@code output/} or to {@code /tmp/flink-checkpoint-demo}, so tests can run side by
 * side, and beside a user's {@code bin/demo}.
 */
public record Sandbox(Path root) {

    /** The class of the gate {@link #gated} adds, as the scripts name it. */
    private static final String GATE = HoldUntilCheckpoint.class.getName();

    /** Sets up a sandbox in {@code root} (a test's temporary directory). */
    public static Sandbox in(Path root) throws IOException {
        final Sandbox sandbox = new Sandbox(root.toAbsolutePath());
        Files.createDirectories(sandbox.base().resolve("data"));
        Files.copy(Path.of("data/checkpoint_numbers.csv"), sandbox.base().resolve("data/checkpoint_numbers.csv"));
        return sandbox;
    }

    /** Where the scripts' relative paths resolve: the scripts' working directory. */
    public Path base() {
        return root.resolve("base");
    }

    /** What the scripts committed to {@code output/<name>}. */
    public Path output(String name) {
        return base().resolve("output").resolve(name);
    }

    /** The checkpoint directory, as the scripts' {@code SET} takes it. */
    public String checkpoints() {
        return root.resolve("checkpoints").toUri().toString();
    }

    /**
     * The settings that keep the scripts' checkpoints and savepoints here, and restart a failed job
     * after 200 ms rather than 2 s: the tests check what recovery does, not how long it waits.
     */
    public Map<String, String> settings() {
        return Map.of(
                "execution.checkpointing.dir", checkpoints(),
                "execution.checkpointing.savepoint-dir", root.resolve("savepoints").toUri().toString(),
                RESTART_DELAY, FAST_RESTART);
    }

    /** The restart delay of the test copies. */
    static final String RESTART_DELAY = "restart-strategy.fixed-delay.delay";
    static final String FAST_RESTART = "200ms";

    /** A workspace on {@code cluster} running scripts here, its timeline at report/recovery.html. */
    public Workspace workspace(ClusterAddress cluster) {
        return new Workspace(cluster, root.resolve("report/recovery.html"), base(), settings(), false, null, null, false);
    }

    /** A copy of sql/checkpoint_demo.sql to edit, e.g. with another input. */
    public static DemoScriptCopy demo() throws IOException {
        return DemoScriptCopy.of(DemoScriptCopy.DEMO);
    }

    /**
     * {@code copy}, keeping its checkpoints here and holding back the row {@code holdAt} until a
     * checkpoint triggered after it arrived has completed ({@link HoldUntilCheckpoint}): the
     * checkpoint restored after a failure at that row covers exactly the rows before it. (No
     * other checkpoint can complete between the release and the failure: the demo's min-pause is
     * 500 ms, the failure comes as the row arrives.)
     */
    public Path gated(DemoScriptCopy copy, int holdAt) throws IOException {
        return hold(copy, holdAt).writeTo(root.resolve("gated.sql"));
    }

    /**
     * {@code copy} as {@link #gated}, but with no periodic checkpoint in its first hour: the test
     * triggers the one checkpoint itself once the row is held ({@link ManualCheckpoint}), so it
     * covers exactly the rows before {@code holdAt} whatever the timing.
     */
    public Path manual(DemoScriptCopy copy, int holdAt) throws IOException {
        return hold(copy, holdAt)
                .set("execution.checkpointing.interval", "1h")
                .set("execution.checkpointing.min-pause", "1h")
                .writeTo(root.resolve("manual.sql"));
    }

    /**
     * {@code copy} with its checkpoints here, the row {@code holdAt} held back, and a 200 ms restart
     * delay (the tests check what recovery does, not how long it waits).
     *
     * <p>While the row is held, the source reads on into the async operator's queue (10 rows): once
     * the queue is full, or the input ends, the source's task cannot take a checkpoint any more.
     * So the row to hold has at least 8 rows after it: at 200 ms a row, the checkpoint the gate
     * waits for has 1.6 s to be triggered and completed, where it takes some 50 ms.
     */
    private DemoScriptCopy hold(DemoScriptCopy copy, int holdAt) {
        return copy.set("execution.checkpointing.dir", checkpoints()).set(RESTART_DELAY, FAST_RESTART)
                .replace("PACE(v, 200)", "HOLD_UNTIL_CHECKPOINT(PACE(v, 200), " + holdAt + ", '" + checkpoints() + "')")
                .replace("CREATE FUNCTION PACE AS 'com.example.checkpointdemo.functions.Pace';",
                        "CREATE FUNCTION PACE AS 'com.example.checkpointdemo.functions.Pace';\n"
                                + "CREATE FUNCTION HOLD_UNTIL_CHECKPOINT AS '" + GATE + "';");
    }
}
