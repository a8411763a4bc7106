package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.testing.Sandbox;
import com.example.checkpointdemo.testing.SpoilKeptCopy;
import com.example.checkpointdemo.testing.SumInAStaticField;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/demo's command line as a user calls it: its own embedded cluster, the JSON report, the
 * timeline and the exit status, on copies of the demo script that keep their files in the test's
 * sandbox.
 */
class DemoCommandITCase {

    @TempDir Path dir;

    private Sandbox sandbox;

    @BeforeEach
    void setUp() throws IOException {
        sandbox = Sandbox.in(dir);
    }

    @Test
    void writesTheJsonReportAndExitsZeroWhenRecoveryIsProven() throws Exception {
        final Path script = sandbox.gated(inSandbox(), 8);

        assertThat(demo("--sql", script.toString(), "--report", report(), "--html", html())).isZero();

        final JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(report.path("ok").asBoolean()).as(report.path("verdict").asText()).isTrue();
        assertThat(report.path("outcome").asText()).isEqualTo("PROVEN");
        assertThat(report.path("job_status").asText()).isEqualTo("FINISHED");
        assertThat(report.path("injected_failures").asInt()).isEqualTo(1);
        assertThat(report.path("restored_checkpoint_id").asLong()).isPositive();
        assertThat(report.path("restore_timestamp").asLong()).isGreaterThan(report.path("last_injected_failure_at").asLong());
        // The gate let v = 8 through once a checkpoint held 1..7: Flink restored exactly that.
        assertThat(report.path("restored_state").path("all").asLong()).isEqualTo(28);
        assertThat(report.path("resumed_sum").asLong()).isEqualTo(28);
        assertThat(report.path("final_sum").asLong()).isEqualTo(210);
        assertThat(report.path("committed_rows").asInt()).isEqualTo(20);
        assertThat(report.path("committed_duplicates").asInt()).isZero();
        assertThat(report.path("timeline").asText()).isEqualTo(html());
        assertThat(dir.resolve("recovery.html")).isNotEmptyFile();
        // Each fact names its source, and the runner's changes to the script are listed.
        assertThat(report.path("sources").path("restored_state").asText()).isEqualTo("checkpoint");
        assertThat(report.path("sources").path("resumed_sum").asText()).isEqualTo("function-output");
        assertThat(report.path("sources").path("restored_checkpoint_id").asText()).isEqualTo("rest");
        assertThat(report.path("changes")).extracting(change -> change.path("setting").asText())
                .contains("execution.checkpointing.data-inline-threshold", "table.dml-sync")
                // Retention is the cluster's to set: a job's own num-retained would be a change that does nothing.
                .doesNotContain("execution.checkpointing.num-retained");
        // The copy the report read is kept, and inspect opens it by the path the report printed.
        assertThat(Path.of(report.path("restored_state_copy").asText()).resolve("_metadata")).isNotEmptyFile();
    }

    @Test
    void takesVariantScriptAndFailurePointFromTheCommandLine() throws Exception {
        final Path script = sandbox.gated(inSandbox(), 8);

        assertThat(demo("--variant", "datastream", "--sql", script.toString(), "--fail-on", "11",
                "--report", report(), "--html", html())).isZero();

        final JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(report.path("variant").asText()).isEqualTo("datastream");
        assertThat(report.path("fault_plan").get(0).asInt()).isEqualTo(11);
        assertThat(report.path("failures").get(0).asText()).endsWith("Injected failure at v=11 on attempt 0");
        assertThat(report.path("ok").asBoolean()).as(report.path("verdict").asText()).isTrue();
    }

    @Test
    void aFailureBeforeAnyCheckpointIsNotProofAndExitsOne() throws Exception {
        // No checkpoint in the first hour: --fail-on 2 comes before any, by construction.
        final Path script = inSandbox().set("execution.checkpointing.interval", "1h")
                .set("execution.checkpointing.min-pause", "1h").writeTo(dir.resolve("late_checkpoints.sql"));

        assertThat(demo("--sql", script.toString(), "--fail-on", "2", "--report", report(), "--html", html())).isEqualTo(1);

        final JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(report.path("ok").asBoolean()).isFalse();
        assertThat(report.path("outcome").asText()).isEqualTo("RESTARTED_FROM_SCRATCH");
        assertThat(report.path("restored_checkpoint_id").isNull()).isTrue();
        // Flink's timestamps: the only checkpoint completed as the job ended, after the failure.
        assertThat(report.path("first_checkpoint_completed_at").asLong()).isGreaterThan(report.path("last_injected_failure_at").asLong());
        assertThat(report.path("final_sum").asLong()).isEqualTo(210);
        assertThat(report.path("verdict").asText()).startsWith("no checkpoint had completed before the failure");
    }

    @Test
    void aRunWithoutAnInjectedFailureProvesNothingAndExitsOne() throws Exception {
        final Path script = inSandbox().faults(com.example.checkpointdemo.functions.FaultPlan.none()).pace(20)
                .writeTo(dir.resolve("no_failure.sql"));

        assertThat(demo("--sql", script.toString(), "--report", report(), "--html", html())).isEqualTo(1);

        final JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(report.path("outcome").asText()).isEqualTo("NO_FAILURE_INJECTED");
        assertThat(report.path("committed_exact").asBoolean()).isTrue();
        assertThat(report.path("verdict").asText()).startsWith("no failure was configured (no fail_on)");
    }

    @Test
    void aFaultPlanThatDidNotFireInFullIsNotMetAndExitsOne() throws Exception {
        // 8 fires; the input has no 99.
        final Path script = inSandbox().faults(com.example.checkpointdemo.functions.FaultPlan.parse("8,99")).pace(20)
                .writeTo(dir.resolve("plan_not_met.sql"));

        assertThat(demo("--sql", script.toString(), "--report", report(), "--html", html())).isEqualTo(1);

        final JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(report.path("outcome").asText()).isEqualTo("FAULT_PLAN_NOT_MET");
        assertThat(report.path("injected_failures").asInt()).isEqualTo(1);
        assertThat(report.path("verdict").asText()).startsWith("the fault plan 8,99 injected 1 of its 2 failures");
    }

    @Test
    void aRestoredCheckpointSpoiltBeforeItIsReadIsStateNotReadAndExitsOne() throws Exception {
        final Path copies = dir.resolve("restored-checkpoints");
        final Path script = inSandbox()
                .replace("PACE(v, 200)", "SPOIL_KEPT_COPY(PACE(v, 200), 8, '" + sandbox.checkpoints() + "', '" + copies + "')")
                .replace("CREATE FUNCTION PACE AS 'com.example.checkpointdemo.functions.Pace';",
                        "CREATE FUNCTION PACE AS 'com.example.checkpointdemo.functions.Pace';\n"
                                + "CREATE FUNCTION SPOIL_KEPT_COPY AS '" + SpoilKeptCopy.class.getName() + "';")
                .writeTo(dir.resolve("spoilt.sql"));

        assertThat(demo("--sql", script.toString(), "--report", report(), "--html", html())).isEqualTo(1);

        final JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(report.path("outcome").asText()).as(report.path("verdict").asText()).isEqualTo("STATE_NOT_READ");
        assertThat(report.path("restored_checkpoint_id").asLong()).isPositive();
        assertThat(report.path("restored_state").isNull()).isTrue();
        assertThat(report.path("restored_state_not_read").asText()).startsWith("reading operator uid SumAndFailOnce, state state failed");
        // Everything else was right: the output alone would have passed.
        assertThat(report.path("committed_exact").asBoolean()).isTrue();
        assertThat(report.path("resumed_sum").asLong()).isEqualTo(28);
    }

    @Test
    void aSumInAStaticFieldIsNeverProvenThoughItsOutputIsExact() throws Exception {
        final Path script = sandbox.gated(inSandbox().replace(
                "CREATE FUNCTION SumAndFailOnce AS 'com.example.checkpointdemo.functions.SumAndFailOnce';",
                "CREATE FUNCTION SumAndFailOnce AS '" + SumInAStaticField.class.getName() + "';"), 8);

        assertThat(demo("--sql", script.toString(), "--report", report(), "--html", html())).isEqualTo(1);

        final JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        // The field carried the sum across the restart: the output is what a real recovery gives...
        assertThat(report.path("committed_exact").asBoolean()).isTrue();
        assertThat(report.path("resumed_sum").asLong()).isEqualTo(28);
        // ...but the checkpoint, read from its files, holds no such sum.
        assertThat(report.path("outcome").asText()).as(report.path("verdict").asText()).isEqualTo("STATE_DISAGREES");
        assertThat(report.path("restored_state").path("all").asLong(-1)).isNotEqualTo(28);
    }

    @Test
    void anUnknownVariantIsAUsageError() {
        assertThat(demo("--variant", "sql")).isEqualTo(2);
    }

    @Test
    void aMissingScriptIsAnErrorNamingIt() {
        final Path missing = dir.resolve("missing.sql");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream console = System.err;
        final int exitCode;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exitCode = demo("--sql", missing.toString());
        } finally {
            System.setErr(console);
        }

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: " + missing + ": no such SQL script" + System.lineSeparator());
    }

    /** The demo script with its input, outputs and checkpoints in the sandbox (bin/demo resolves against the working directory). */
    private com.example.checkpointdemo.runner.DemoScriptCopy inSandbox() throws IOException {
        return Sandbox.demo()
                .input(sandbox.base().resolve("data/checkpoint_numbers.csv"))
                .output(sandbox.base().resolve("output"))
                .set("execution.checkpointing.dir", sandbox.checkpoints());
    }

    private String report() {
        return dir.resolve("report.json").toString();
    }

    private String html() {
        return dir.resolve("recovery.html").toString();
    }

    private static int demo(String... arguments) {
        return DemoCommand.commandLine().execute(arguments);
    }
}
