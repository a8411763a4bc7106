package com.example.checkpointdemo.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** bin/demo run in this JVM with its console captured: what a user sees, for commands that stop before any cluster starts. */
final class DemoConsole {

    /** How a command ended, and what it printed. */
    record Result(int exitCode, String out, String err) {}

    private DemoConsole() {}

    static Result demo(String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream console = System.out;
        final PrintStream errors = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            final int exitCode = DemoCommand.commandLine().execute(args);
            return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(console);
            System.setErr(errors);
        }
    }
}
