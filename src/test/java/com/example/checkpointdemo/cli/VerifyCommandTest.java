package com.example.checkpointdemo.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/demo verify's refusals, as a user meets them: before any cluster starts, with the file, the line and why, exit 2. */
class VerifyCommandTest {

    @Test
    void aScriptWhoseOutputDependsOnTheRunIsRefusedWithItsLine() {
        final Result result = verify("sql/verify/catch/now.sql");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).startsWith("CANNOT VERIFY: its output depends on the run, so no fault-free run can be its reference:"
                + " sql/verify/catch/now.sql:29: NOW (the time of the run: another value in every run, and after a restart)")
                .contains("--ignore-column COL", "--allow-nondeterministic");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThat(verify("sql/verify/window_totals.sql", "--faults", "tm-kill,disk-full").err())
                .startsWith("error: --faults: unknown fault 'disk-full'; one of: tm-kill, tm-stop, jm-kill");
        assertThat(verify("sql/verify/nowhere.sql").err()).startsWith("error: sql/verify/nowhere.sql: no such script");
        assertThat(verify("sql/verify/window_totals.sql", "-j", "nowhere.jar").exitCode()).isEqualTo(2);
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result verify(String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream console = System.out;
        final PrintStream errors = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            final String[] line = new String[args.length + 1];
            line[0] = "verify";
            System.arraycopy(args, 0, line, 1, args.length);
            final int exitCode = DemoCommand.commandLine().execute(line);
            return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(console);
            System.setErr(errors);
        }
    }
}
