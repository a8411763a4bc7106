package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.testing.CreatedFiles;
import com.example.checkpointdemo.testing.DemoScripts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/demo's command line: its own embedded cluster, the JSON report and the exit status. */
class DemoCommandITCase {

    @TempDir Path dir;

    @Test
    void writesTheJsonReportAndExitsZeroWhenRecoveryIsProven() throws Exception {
        final Path reportFile = dir.resolve("report.json");
        final int exitCode;
        try (CreatedFiles created = DemoScripts.createdByCheckpointDemo()) {
            exitCode = DemoCommand.commandLine().execute("--report", reportFile.toString());
        }

        assertThat(exitCode).isZero();
        final JsonNode report = new ObjectMapper().readTree(reportFile.toFile());
        assertThat(report.path("variant").asText()).isEqualTo("ptf");
        assertThat(report.path("job_status").asText()).isEqualTo("FINISHED");
        assertThat(report.path("final_sum").asLong()).isEqualTo(210);
        assertThat(report.path("injected_failures").asInt()).isEqualTo(1);
        assertThat(report.path("restarts").asInt()).isEqualTo(1);
        assertThat(report.path("restored_checkpoint_id").asLong()).isPositive();
        assertThat(report.path("resumed_sum").asLong()).isPositive();
        assertThat(report.path("completed_checkpoints").asLong()).isPositive();
        assertThat(report.path("committed_rows").asInt()).isEqualTo(20);
        assertThat(report.path("committed_duplicates").asInt()).isZero();
    }

    @Test
    void takesVariantScriptAndFailurePointFromTheCommandLine() throws Exception {
        final Path reportFile = dir.resolve("report.json");
        final int exitCode;
        try (CreatedFiles created = DemoScripts.createdByCheckpointDemo()) {
            exitCode =
                    DemoCommand.commandLine()
                            .execute(
                                    "--variant", "datastream",
                                    "--sql", DemoScripts.CHECKPOINT_DEMO.toString(),
                                    "--fail-on", "11",
                                    "--report", reportFile.toString());
        }

        assertThat(exitCode).isZero();
        final JsonNode report = new ObjectMapper().readTree(reportFile.toFile());
        assertThat(report.path("variant").asText()).isEqualTo("datastream");
        assertThat(report.path("fault_plan").get(0).asInt()).isEqualTo(11);
        assertThat(report.path("ok").asBoolean()).isTrue();
    }

    @Test
    void anUnknownVariantIsAUsageError() {
        assertThat(DemoCommand.commandLine().execute("--variant", "sql")).isEqualTo(2);
    }

    @Test
    void aMissingScriptIsAnErrorNamingIt() {
        final Path missing = dir.resolve("missing.sql");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream console = System.err;
        final int exitCode;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exitCode = DemoCommand.commandLine().execute("--sql", missing.toString());
        } finally {
            System.setErr(console);
        }

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: " + missing + ": no such SQL script" + System.lineSeparator());
    }
}
