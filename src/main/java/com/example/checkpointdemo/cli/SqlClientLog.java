package com.example.checkpointdemo.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failed job says in the SQL Client's log, in one line: {@code bin/sql-client} prints it
 * when a statement failed, because the client itself says only "MiniCluster is not yet running"
 * for a job that failed on its local MiniCluster. The cause is the job's own: the exception
 * logged when the job switched to FAILING, not the first {@code Caused by} in the log (the client
 * logs harmless parse attempts of its own).
 */
public final class SqlClientLog {

    private static final Pattern FAILING =
            Pattern.compile("Job (.+) \\(([0-9a-f]{32})\\) switched from state \\w+ to FAILING\\.");
    private static final Pattern RESTARTING = Pattern.compile("\\(([0-9a-f]{32})\\) switched from state \\w+ to RESTARTING\\.");
    private static final Pattern LOG_LINE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    private static final Pattern GAVE_UP = Pattern.compile("Recovery is suppressed by (\\w+)\\(maxNumberRestartAttempts=(\\d+)");

    private SqlClientLog() {}

    /** Prints the job failure of the log {@code args[0]}; exit status 1 when it names none. */
    public static void main(String[] args) throws IOException {
        final Optional<String> failure = jobFailure(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8));
        failure.ifPresent(System.out::println);
        System.exit(failure.isPresent() ? 0 : 1);
    }

    /** The last failed job of the log, in one line: which job, why it stopped restarting, the root cause. */
    static Optional<String> jobFailure(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            final Matcher failing = FAILING.matcher(lines.get(i));
            if (failing.find()) {
                final List<String> trace = exception(lines, i + 1);
                final String jobId = failing.group(2);
                final long restarts = lines.stream().filter(line -> {
                    final Matcher restarting = RESTARTING.matcher(line);
                    return restarting.find() && restarting.group(1).equals(jobId);
                }).count();
                return Optional.of("job " + failing.group(1) + " (" + jobId + ") failed: " + why(trace, restarts));
            }
        }
        return Optional.empty();
    }

    private static String why(List<String> trace, long restarts) {
        final String root = shortName(rootCause(trace));
        for (String line : trace) {
            final Matcher gaveUp = GAVE_UP.matcher(line);
            if (gaveUp.find()) {
                return "the restart strategy (" + gaveUp.group(1) + ", " + gaveUp.group(2) + " attempts) gave up after "
                        + restarts + " restart" + (restarts == 1 ? "" : "s") + ": " + root;
            }
        }
        return root;
    }

    /** The lines of the exception logged after the log line before {@code from}. */
    private static List<String> exception(List<String> lines, int from) {
        final List<String> trace = new ArrayList<>();
        for (int i = from; i < lines.size() && !LOG_LINE.matcher(lines.get(i)).find(); i++) {
            trace.add(lines.get(i));
        }
        return trace;
    }

    private static String rootCause(List<String> trace) {
        String root = trace.isEmpty() ? "(no exception logged)" : trace.get(0);
        for (String line : trace) {
            if (line.startsWith("Caused by: ")) {
                root = line.substring("Caused by: ".length());
            }
        }
        return root;
    }

    private static String shortName(String cause) {
        return cause.replaceFirst("^[\\w.]+\\.(\\w+:)", "$1");
    }
}
