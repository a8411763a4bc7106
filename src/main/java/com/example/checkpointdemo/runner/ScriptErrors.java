package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.SumAndFailOnce;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the runner words what went wrong: one line, naming the script's file and line. */
public final class ScriptErrors {

    private static final Pattern LINE = Pattern.compile("\\bline (\\d+)");

    private ScriptErrors() {}

    /** A statement that failed, as a {@link ScriptException} naming where it is. */
    static ScriptException at(SqlScript.Chunk chunk, RuntimeException e) {
        return new ScriptException(chunk.where() + ": " + describe(e, chunk.firstLine()), e);
    }

    /**
     * The first line of the innermost message, its "line N" counted in the file rather than in
     * the statement that starts at {@code firstLine} (Flink counts from the statement).
     */
    static String describe(Throwable e, int firstLine) {
        final String message = rootMessage(e).lines().findFirst().orElse("").strip();
        final Matcher matcher = LINE.matcher(message);
        final StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            final int line = firstLine + Integer.parseInt(matcher.group(1)) - 1;
            matcher.appendReplacement(out, "line " + line);
        }
        matcher.appendTail(out);
        if (message.startsWith("No match found for function signature SumAndFailOnce(")) {
            out.append(" It is called as ").append(SumAndFailOnce.CALL).append('.');
        }
        return out.toString();
    }

    /** The innermost message of an exception chain: usually the one that says what is wrong. */
    public static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        final String message = cause.getMessage();
        if (cause instanceof java.nio.file.FileSystemException && message != null) {
            // Its message is the bare path: say what happened to it (NoSuchFileException: /a/b).
            return cause.getClass().getSimpleName() + ": " + message;
        }
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
