package com.example.checkpointdemo.lab;

import com.example.checkpointdemo.runner.ScriptRunner;

import com.fasterxml.jackson.databind.JsonNode;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the learner set for the next job in the lab's page: the pace (rows per second), the
 * checkpoint interval and the parallelism; null where the script's own stays. The pace is the
 * second argument of the script's {@code PACE(v, millis)}, so the lab runs a copy of the script
 * with that literal changed, as a learner would edit it; the rest are settings over the script's.
 */
record NextRun(@Nullable Integer rowsPerSecond, @Nullable Integer checkpointIntervalMillis, @Nullable Integer parallelism) {

    /** {@code PACE(<column>, <millis>)}, as the demo script calls it. */
    private static final Pattern PACE = Pattern.compile("PACE\\((\\w+), *(\\d+)\\)");

    NextRun {
        requireBetween("rows per second", rowsPerSecond, 1, 1000);
        requireBetween("checkpoint interval (ms)", checkpointIntervalMillis, 100, 600_000);
        requireBetween("parallelism", parallelism, 1, 8);
    }

    /** The script's own pace, interval and parallelism. */
    static final NextRun AS_WRITTEN = new NextRun(null, null, null);

    /** The page's request body, e.g. {@code {"rowsPerSecond": 5, "checkpointIntervalMillis": 2000}}; empty fields stay as written. */
    static NextRun of(@Nullable JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return AS_WRITTEN;
        }
        return new NextRun(number(body, "rowsPerSecond"), number(body, "checkpointIntervalMillis"), number(body, "parallelism"));
    }

    /** The script the job runs: {@code script} itself, or a copy in {@code folder} at this pace. */
    Path script(Path script, Path folder) throws IOException {
        if (rowsPerSecond == null) {
            return script;
        }
        final String sql = Files.readString(script, StandardCharsets.UTF_8);
        final Matcher pace = PACE.matcher(sql);
        if (!pace.find()) {
            throw new IllegalArgumentException(script + " has no PACE(v, millis) call: its pace cannot change");
        }
        Files.createDirectories(folder);
        final Path copy = folder.resolve(script.getFileName().toString().replaceFirst("\\.sql$", "") + "-at-" + rowsPerSecond + "-rows-per-second.sql");
        Files.writeString(copy, pace.replaceAll("PACE($1, " + millisPerRow() + ")"), StandardCharsets.UTF_8);
        return copy;
    }

    /** Whether {@code script}'s pace can change: it calls {@code PACE(v, millis)}. */
    static boolean paceable(Path script) throws IOException {
        return PACE.matcher(Files.readString(script, StandardCharsets.UTF_8)).find();
    }

    /** Sets the interval and parallelism on {@code runner}, over the script's. */
    ScriptRunner applyTo(ScriptRunner runner) {
        if (checkpointIntervalMillis != null) {
            runner.set("execution.checkpointing.interval", checkpointIntervalMillis + "ms", "the checkpoint interval set in the lab");
            // Flink takes the first checkpoint after a random delay between min-pause and the interval:
            // the same for both, and the first comes one interval after the start, as the learner expects.
            runner.set("execution.checkpointing.min-pause", checkpointIntervalMillis + "ms",
                    "the first checkpoint one interval after the start, each one an interval after the last");
        }
        if (parallelism != null) {
            runner.set("parallelism.default", String.valueOf(parallelism), "the parallelism set in the lab");
        }
        return runner;
    }

    /** What differs from the script, as event fields for the page (which words them in the reader's language). */
    Object[] fields() {
        return new Object[] {"rowsPerSecond", rowsPerSecond, "paceMillis", rowsPerSecond == null ? null : millisPerRow(),
            "intervalMillis", checkpointIntervalMillis, "parallelism", parallelism};
    }

    private int millisPerRow() {
        return Math.max(1, 1000 / rowsPerSecond);
    }

    private static @Nullable Integer number(JsonNode body, String field) {
        final JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
            return null;
        }
        if (!value.canConvertToInt() && !value.asText().matches("-?\\d+")) {
            throw new IllegalArgumentException(field + " = '" + value.asText() + "': not a whole number");
        }
        return value.canConvertToInt() ? value.asInt() : Integer.parseInt(value.asText());
    }

    private static void requireBetween(String what, @Nullable Integer value, int low, int high) {
        if (value != null && (value < low || value > high)) {
            throw new IllegalArgumentException(what + " = " + value + ": must be between " + low + " and " + high);
        }
    }
}
