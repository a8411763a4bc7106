package com.example.checkpointdemo.testing;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.runner.DemoScriptCopy;

import java.io.IOException;
import java.nio.file.Path;

/** The product's scripts, their fixed output places, and copies pointed elsewhere. */
public final class DemoScripts {

    public static final Path CHECKPOINT_DEMO = DemoScriptCopy.DEMO;

    /** Where sql/checkpoint_demo.sql commits its rows and keeps its checkpoints. */
    public static final Path COMMITTED_SUMS = Path.of("output/committed_sums");
    public static final Path REJECTED_ROWS = Path.of("output/rejected_rows");
    public static final Path CHECKPOINTS = Path.of("/tmp/flink-checkpoint-demo/checkpoints");

    /** Where the scripts under sql/scenarios commit their rows and keep their savepoints. */
    public static final Path SCENARIO_OUTPUT = Path.of("output/scenarios");
    public static final Path SAVEPOINTS = Path.of("/tmp/flink-checkpoint-demo/savepoints");

    private DemoScripts() {}

    /** Watches what sql/checkpoint_demo.sql writes to its fixed places, to remove it afterwards. */
    public static CreatedFiles createdByCheckpointDemo() {
        return CreatedFiles.under(COMMITTED_SUMS, REJECTED_ROWS, CHECKPOINTS);
    }

    /**
     * A copy of sql/checkpoint_demo.sql in {@code dir} that reads {@code input}, commits to {@code
     * output}/committed_sums (rejects to {@code output}/rejected_rows) and injects {@code faults}.
     */
    public static Path copyOfCheckpointDemo(Path dir, Path input, Path output, FaultPlan faults) throws IOException {
        return DemoScriptCopy.of(CHECKPOINT_DEMO)
                .input(input)
                .output(output)
                .faults(faults)
                .writeTo(dir.resolve("copy_of_checkpoint_demo.sql"));
    }
}
