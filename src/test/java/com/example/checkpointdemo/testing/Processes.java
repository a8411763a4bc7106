package com.example.checkpointdemo.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The project's bin/ commands run as a user runs them, as processes that the test ends. */
public final class Processes {

    private Processes() {}

    /** A started command whose console goes to a file; closing it ends the command if it still runs. */
    public record Started(Process process, Path console) implements AutoCloseable {

        /** Waits for the exit; returns the console. A command still running is killed and fails the test. */
        public Finished await(Duration timeout) throws IOException, InterruptedException {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("still running after " + timeout + ":\n" + Files.readString(console));
                }
                return new Finished(process.exitValue(), Files.readString(console));
            } finally {
                close();
            }
        }

        /** Ends the command and what it started (bin/ scripts run java as a child), by their PIDs. */
        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** How a command ended. */
    public record Finished(int exitCode, String console) {}

    /** Starts {@code command} in the project directory with {@code environment} added. */
    public static Started start(Path consoleFile, Map<String, String> environment, String... command)
            throws IOException {
        return start(consoleFile, environment, Path.of(""), command);
    }

    /**
     * Starts {@code command} in {@code directory} with {@code environment} added; a command under
     * bin/ is the project's, wherever it runs.
     */
    public static Started start(Path consoleFile, Map<String, String> environment, Path directory, String... command)
            throws IOException {
        final List<String> line = new ArrayList<>(List.of(command));
        if (line.get(0).startsWith("bin/")) {
            line.set(0, Path.of(line.get(0)).toAbsolutePath().toString());
        }
        final ProcessBuilder builder =
                new ProcessBuilder(line)
                        .directory(directory.toAbsolutePath().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(consoleFile.toFile());
        // No class-data archive written or read (bin/lib/cds.sh): a test's console and timing must
        // not depend on which test ran first (and measured over a whole run, writing the archives
        // cost the tests what mapping them saved). ClassDataArchiveITCase tests the archive itself.
        builder.environment().put("DEMO_CDS", "off");
        // The console in English, whatever the machine's locale: a test that wants Chinese says so.
        builder.environment().put("DEMO_LANG", "en");
        builder.environment().putAll(environment);
        return new Started(builder.start(), consoleFile);
    }

    /** Runs {@code command} to its end (at most 5 minutes). */
    public static Finished run(Path consoleFile, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        return start(consoleFile, environment, command).await(Duration.ofMinutes(5));
    }

    /** Runs {@code command} in {@code directory} to its end (at most 5 minutes). */
    public static Finished run(Path consoleFile, Map<String, String> environment, Path directory, String... command)
            throws IOException, InterruptedException {
        return start(consoleFile, environment, directory, command).await(Duration.ofMinutes(5));
    }
}
