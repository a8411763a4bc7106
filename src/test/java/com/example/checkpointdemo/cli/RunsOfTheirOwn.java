package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.runner.DemoScriptCopy;
import com.example.checkpointdemo.testing.Processes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of bin/demo runs that start servers of their own share: two runs started at once,
 * each judged undisturbed by the other, and a run's console awaited.
 */
abstract class RunsOfTheirOwn {

    static final Duration A_RUN = Duration.ofMinutes(4);
    static final Pattern HOME = Pattern.compile("log and objects in (\\S+)\\)");

    @TempDir Path dir;

    /**
     * Starts two bin/demo runs of {@code script} with {@code option}, checks their servers ran at
     * once, and that neither disturbed the other. Checkpoints every 200 ms and the failure at
     * v = 20 (4 s of rows), so that most often a checkpoint with rows completes before it.
     */
    void twoAtOnce(String option, Path script, String serverUp) throws Exception {
        final Path copy = DemoScriptCopy.of(script).set("execution.checkpointing.interval", "200ms")
                .set("execution.checkpointing.min-pause", "100ms").writeTo(dir.resolve("script.sql"));
        try (Processes.Started first = demo(option, copy, "first");
                Processes.Started second = demo(option, copy, "second")) {
            awaitConsole(first, Pattern.compile(Pattern.quote(serverUp)));
            awaitConsole(second, Pattern.compile(Pattern.quote(serverUp)));
            assertThat(first.process().isAlive() && second.process().isAlive()).as("both runs' servers up at once").isTrue();
            // Each in a home of its own: two servers, not one shared.
            final Pattern home = Pattern.compile("(?:data and log|log and objects) in (\\S+?)\\)?$", Pattern.MULTILINE);
            final Matcher firstHome = awaitConsole(first, home);
            final Matcher secondHome = awaitConsole(second, home);
            assertThat(firstHome.group(1)).isNotEqualTo(secondHome.group(1));

            final Processes.Finished one = first.await(A_RUN);
            final Processes.Finished other = second.await(A_RUN);

            assertUndisturbed(one);
            assertUndisturbed(other);
        }
    }

    /**
     * A run the other did not disturb: its own servers answered to the end, its checkpoints were
     * there to read, its output is exact. Recovery itself is proven, or, when two runs on two
     * busy cores made the first checkpoint that held rows complete only after the failure, the
     * run restarted from scratch and says so; never a checkpoint it could not read.
     */
    private static void assertUndisturbed(Processes.Finished run) {
        assertThat(run.console()).as(run.console()).contains("20, 0 duplicates, exact").contains("210 (expected 210)")
                .doesNotContain("STATE NOT READ").doesNotContain("error:");
        if (run.exitCode() != 0) {
            assertThat(run.exitCode()).as(run.console()).isEqualTo(1);
            assertThat(run.console()).contains("RECOVERY NOT PROVEN (RESTARTED FROM SCRATCH)");
        } else {
            assertThat(run.console()).contains("RECOVERY PROVEN");
        }
    }

    private Processes.Started demo(String option, Path script, String name) throws Exception {
        return Processes.start(dir.resolve(name + ".out"), Map.of(), "bin/demo", option, "--sql", script.toString(), "--fail-on", "20",
                "--html", dir.resolve(name + ".html").toString());
    }

    /** Waits until the run's console has a line {@code pattern} finds; fails with the console if the run ends first. */
    static Matcher awaitConsole(Processes.Started run, Pattern pattern) throws Exception {
        org.apache.flink.core.testutils.CommonTestUtils.waitUtil(() -> printed(run, pattern).find() || !run.process().isAlive(),
                A_RUN, java.time.Duration.ofMillis(50), "no " + pattern + " within " + A_RUN + " in " + run.console());
        final Matcher found = printed(run, pattern);
        if (!found.find()) {
            throw new AssertionError("the run ended before printing " + pattern + ":\n" + Files.readString(run.console()));
        }
        return found;
    }

    private static Matcher printed(Processes.Started run, Pattern pattern) {
        try {
            return pattern.matcher(Files.readString(run.console()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
