package com.example.checkpointdemo.campaign;

import com.example.checkpointdemo.cli.DemoCommand;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A small fault campaign, as CI runs it: every run recovers exactly. */
class CampaignITCase {

    @TempDir Path dir;

    @Test
    void fiveRunsWithSeed7AllPass() {
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        final int exitCode;
        try {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            exitCode =
                    DemoCommand.commandLine()
                            .execute("campaign", "--runs", "5", "--seed", "7", "--keep", dir.toString());
        } finally {
            System.setOut(original);
        }

        final String table = console.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(table).isZero();
        assertThat(table).contains("Fault campaign: 5 runs, seed 7").endsWith("5 passed, 0 failed\n");
        assertThat(table.lines().filter(line -> line.endsWith("passed"))).hasSize(5);
    }
}
