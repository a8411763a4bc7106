package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.testing.Processes;
import com.example.checkpointdemo.testing.Sandbox;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static com.example.checkpointdemo.testing.Expected.committedRowsIn;
import static com.example.checkpointdemo.testing.Expected.runningSums;
import static com.example.checkpointdemo.testing.Expected.valueAndSum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Flink SQL Client, as bin/sql-client starts it, running the scripts with -j udf.jar,
 * in a sandbox directory: the scripts' relative paths resolve there, as on a user's install.
 */
class SqlClientITCase {

    private static final List<Long> ONE_TO_TWENTY = LongStream.rangeClosed(1, 20).boxed().toList();

    @TempDir Path dir;

    private Sandbox sandbox;

    @BeforeEach
    void setUp() throws IOException {
        sandbox = Sandbox.in(dir);
    }

    @Test
    void theSqlClientRunsTheDemoScriptToTheSameCommittedOutput() throws Exception {
        // The demo script, its failing row held back until a checkpoint covered 1..7.
        final Processes.Finished client = sqlClient("-f", sandbox.gated(Sandbox.demo(), 8).toString(), "-j", jar("udf.jar"), "-j", jar("udf-tests.jar"));

        assertThat(client.exitCode()).as(client.console()).isZero();
        assertThat(client.console()).contains("[INFO] Complete execution of the SQL update statement.");
        final List<SumRow> committed = committedRowsIn(sandbox.output("committed_sums"));
        assertThat(valueAndSum(committed)).containsExactlyElementsOf(runningSums(ONE_TO_TWENTY));
        assertThat(committed.stream().filter(row -> row.attempt() == 0).map(SumRow::v)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        // The restarted attempt began from the restored 1 + ... + 7, not from 0.
        assertThat(committed.stream().filter(row -> row.attempt() == 1).findFirst().orElseThrow().sumBefore()).isEqualTo(28);
    }

    @Test
    void aScenarioRunsWithItsInitializationScript() throws Exception {
        final Processes.Finished client = sqlClient("-i", init().toString(), "-f", scenario("no_checkpoint"), "-j", jar("udf.jar"));

        assertThat(client.exitCode()).as(client.console()).isZero();
        final List<SumRow> committed = committedRowsIn(sandbox.output("scenarios/no_checkpoint"));
        assertThat(valueAndSum(committed)).containsExactlyElementsOf(runningSums(ONE_TO_TWENTY));
        // No checkpoint before the failure: everything committed comes from the restart, from 0.
        assertThat(committed).extracting(SumRow::attempt).containsOnly(1);
    }

    @Test
    void aFailedJobIsExplainedInOneLineWithItsOwnCause() throws Exception {
        final Processes.Finished client = sqlClient("-i", init().toString(), "-f", scenario("state_flag"), "-j", jar("udf.jar"));

        assertThat(client.exitCode()).isEqualTo(1);
        assertThat(client.console()).containsPattern(
                "sql-client: job scenario-state-flag \\([0-9a-f]{32}\\) failed: the restart strategy"
                        + " \\(FixedDelayRestartBackoffTimeStrategy, 3 attempts\\) gave up after 3 restarts:"
                        + " InjectedFailure: Injected failure at v=8 on attempt 3");
        assertThat(client.console()).doesNotContain("SqlParseException");
    }

    /** sql/scenarios/init.sql with its checkpoints and savepoints kept in the sandbox. */
    private Path init() throws IOException {
        return com.example.checkpointdemo.runner.DemoScriptCopy.of(Path.of("sql/scenarios/init.sql"))
                .set("execution.checkpointing.dir", sandbox.checkpoints())
                .set("execution.checkpointing.savepoint-dir", sandbox.settings().get("execution.checkpointing.savepoint-dir"))
                .set("restart-strategy.fixed-delay.delay", "200ms")
                .writeTo(dir.resolve("init.sql"));
    }

    /** sql/scenarios/NAME.sql at 50 ms a row: the test checks what the SQL Client shows, not timing. */
    private String scenario(String name) throws IOException {
        return com.example.checkpointdemo.runner.DemoScriptCopy.of(Path.of("sql/scenarios/" + name + ".sql"))
                .pace(50)
                .writeTo(dir.resolve(name + ".sql")).toString();
    }

    private static String jar(String name) {
        return Path.of("target", name).toAbsolutePath().toString();
    }

    /** Runs bin/sql-client with {@code arguments} in the sandbox; returns how it ended. */
    private Processes.Finished sqlClient(String... arguments) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of("bin/sql-client"));
        command.addAll(List.of(arguments));
        return Processes.run(dir.resolve("console.txt"), Map.of("DEMO_LOG_DIR", dir.resolve("logs").toString()),
                sandbox.base(), command.toArray(String[]::new));
    }
}
