package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.FaultPlan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A copy of sql/checkpoint_demo.sql with other inputs, outputs, faults, pacing or settings, as a
 * user would edit it: each edit replaces one literal of the script, and fails if the script no
 * longer has it exactly once.
 */
public final class DemoScriptCopy {

    /** The script the copies are made from. */
    public static final Path DEMO = Path.of("sql/checkpoint_demo.sql");

    private final Path source;
    private String sql;

    private DemoScriptCopy(Path source, String sql) {
        this.source = source;
        this.sql = sql;
    }

    /** A copy of {@code script} (the demo script, or one shaped like it), to change and write. */
    public static DemoScriptCopy of(Path script) throws IOException {
        return new DemoScriptCopy(script, Files.readString(script, StandardCharsets.UTF_8));
    }

    /** Reads {@code input} instead of data/checkpoint_numbers.csv. */
    public DemoScriptCopy input(Path input) {
        return replace("'data/checkpoint_numbers.csv'", quoted(input));
    }

    /** Reads {@code location} (e.g. {@code s3://demo/in.csv}) instead of data/checkpoint_numbers.csv. */
    public DemoScriptCopy inputAt(String location) {
        return replace("'data/checkpoint_numbers.csv'", "'" + location + "'");
    }

    /** Commits to {@code directory} instead of output/committed_sums (and its rejects beside it). */
    public DemoScriptCopy output(Path directory) {
        return outputUnder(directory.toAbsolutePath().toString());
    }

    /** Commits to {@code location}/committed_sums (e.g. under {@code s3://demo/out}) and its rejects beside it. */
    public DemoScriptCopy outputUnder(String location) {
        return replace("'output/committed_sums'", "'" + location + "/committed_sums'")
                .replace("'output/rejected_rows'", "'" + location + "/rejected_rows'");
    }

    /** Injects {@code faults} instead of failing once at 8. */
    public DemoScriptCopy faults(FaultPlan faults) {
        final String call =
                faults.size() == 0 ? "fail_on => NULL"
                        : faults.size() == 1 ? "fail_on => " + faults.values().get(0)
                        : "fail_plan => '" + faults + "'";
        return replace("fail_on => 8", call);
    }

    /** Paces the input at one row per {@code millis} instead of 200. */
    public DemoScriptCopy pace(int millis) {
        return replace("PACE(v, 200)", "PACE(v, " + millis + ")");
    }

    /** Sends the print sink's rows nowhere (a blackhole) instead of to the console. */
    public DemoScriptCopy quiet() {
        return replace("'connector' = 'print',\n  'print-identifier' = 'SUM'", "'connector' = 'blackhole'");
    }

    /** Changes the value the script's {@code SET 'key' = '...';} gives. */
    public DemoScriptCopy set(String key, String value) {
        final Matcher set = Pattern.compile("SET '" + Pattern.quote(key) + "' = '[^']*';").matcher(sql);
        if (!set.find()) {
            throw new IllegalStateException(source + " has no SET '" + key + "'");
        }
        return replace(set.group(), "SET '" + key + "' = '" + value + "';");
    }

    /** Writes the copy to {@code file}. */
    public Path writeTo(Path file) throws IOException {
        return Files.writeString(file, sql, StandardCharsets.UTF_8);
    }

    /** Replaces {@code literal}, which the script must hold exactly once, by {@code replacement}. */
    public DemoScriptCopy replace(String literal, String replacement) {
        final int at = sql.indexOf(literal);
        if (at < 0 || sql.indexOf(literal, at + 1) >= 0) {
            throw new IllegalStateException(source + " should contain " + literal + " exactly once");
        }
        sql = sql.replace(literal, replacement);
        return this;
    }

    private static String quoted(Path path) {
        return "'" + path.toAbsolutePath() + "'";
    }
}
