package com.example.checkpointdemo.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The product's scripts, and copies of them pointed elsewhere, as a user would make them. */
public final class DemoScripts {

    public static final Path CHECKPOINT_DEMO = Path.of("sql/checkpoint_demo.sql");

    /** Where sql/checkpoint_demo.sql commits its rows and keeps its checkpoints. */
    public static final Path COMMITTED_SUMS = Path.of("output/committed_sums");
    public static final Path CHECKPOINTS = Path.of("/tmp/flink-checkpoint-demo/checkpoints");

    /** Where the scripts under sql/scenarios commit their rows and keep their savepoints. */
    public static final Path SCENARIO_OUTPUT = Path.of("output/scenarios");
    public static final Path SAVEPOINTS = Path.of("/tmp/flink-checkpoint-demo/savepoints");

    private DemoScripts() {}

    /**
     * A copy of sql/checkpoint_demo.sql in {@code dir} that reads {@code input}, commits to {@code
     * output} and fails at {@code failOn}; everything else as in the original.
     */
    public static Path copyOfCheckpointDemo(Path dir, Path input, Path output, int failOn)
            throws IOException {
        final String original = Files.readString(CHECKPOINT_DEMO, StandardCharsets.UTF_8);
        final String copy =
                replaceOnce(
                        replaceOnce(
                                replaceOnce(original, "'data/checkpoint_numbers.csv'", quoted(input)),
                                "'output/committed_sums'",
                                quoted(output)),
                        "fail_on => 8",
                        "fail_on => " + failOn);
        return Files.writeString(dir.resolve("copy_of_checkpoint_demo.sql"), copy);
    }

    private static String quoted(Path path) {
        return "'" + path.toAbsolutePath() + "'";
    }

    private static String replaceOnce(String text, String from, String to) {
        final int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException(CHECKPOINT_DEMO + " should contain " + from + " exactly once");
        }
        return text.replace(from, to);
    }
}
