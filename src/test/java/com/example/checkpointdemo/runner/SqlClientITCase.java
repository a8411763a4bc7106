package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.testing.CreatedFiles;
import com.example.checkpointdemo.testing.DemoScripts;
import com.example.checkpointdemo.testing.Processes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static com.example.checkpointdemo.testing.Expected.committedRows;
import static com.example.checkpointdemo.testing.Expected.committedRowsIn;
import static com.example.checkpointdemo.testing.Expected.runningSums;
import static com.example.checkpointdemo.testing.Expected.valueAndSum;
import static org.assertj.core.api.Assertions.assertThat;

/** The real Flink SQL Client, as bin/sql-client starts it, running the script with -j udf.jar. */
class SqlClientITCase {

    @TempDir Path dir;

    @Test
    void theSqlClientRunsTheDemoScriptToTheSameCommittedOutput() throws Exception {
        try (CreatedFiles created = DemoScripts.createdByCheckpointDemo()) {
            final String console = sqlClient(DemoScripts.CHECKPOINT_DEMO);

            assertThat(console).contains("[INFO] Complete execution of the SQL update statement.");
            final List<SumRow> committed = committedRows(created.created(), DemoScripts.COMMITTED_SUMS);
            assertThat(valueAndSum(committed))
                    .containsExactlyElementsOf(runningSums(LongStream.rangeClosed(1, 20).boxed().toList()));
            assertRestoredFromAStateThatWasNotEmpty(committed);
        }
    }

    @Test
    void aCopyWithAnotherInputAndFailurePointCommitsExactlyToo() throws Exception {
        final Path input =
                Files.write(
                        dir.resolve("numbers.csv"),
                        CheckpointDemoITCase.OTHER_INPUT.stream().map(String::valueOf).toList());
        final Path output = dir.resolve("committed");

        // The copy keeps the script's checkpoint directory.
        try (CreatedFiles checkpoints = CreatedFiles.under(DemoScripts.CHECKPOINTS)) {
            sqlClient(DemoScripts.copyOfCheckpointDemo(dir, input, output, FaultPlan.failOnce(7)));
        }

        final List<SumRow> committed = committedRowsIn(output.resolve("committed_sums"));
        assertThat(valueAndSum(committed)).containsExactlyElementsOf(runningSums(CheckpointDemoITCase.OTHER_INPUT));
        assertRestoredFromAStateThatWasNotEmpty(committed);
    }

    @Test
    void aScenarioRunsWithItsInitializationScript() throws Exception {
        final Path output = DemoScripts.SCENARIO_OUTPUT.resolve("no_checkpoint");
        try (CreatedFiles created = CreatedFiles.under(DemoScripts.SCENARIO_OUTPUT, DemoScripts.CHECKPOINTS)) {
            sqlClient("-i", "sql/scenarios/init.sql", "-f", "sql/scenarios/no_checkpoint.sql", "-j", "target/udf.jar");

            final List<SumRow> committed = committedRows(created.created(), output);
            assertThat(valueAndSum(committed))
                    .containsExactlyElementsOf(runningSums(LongStream.rangeClosed(1, 20).boxed().toList()));
            // No checkpoint before the failure: everything committed comes from the restart, from 0.
            assertThat(committed).extracting(SumRow::attempt).containsOnly(1);
        }
    }

    /** The rows committed by attempt 1 start from what the checkpoint held, and that was not 0. */
    private static void assertRestoredFromAStateThatWasNotEmpty(List<SumRow> committed) {
        final SumRow firstAfterRestart =
                committed.stream().filter(row -> row.attempt() == 1).findFirst().orElseThrow();
        assertThat(firstAfterRestart.runningSum() - firstAfterRestart.v()).isPositive();
    }

    /** Runs bin/sql-client -f script -j target/udf.jar; returns its console after a zero exit. */
    private String sqlClient(Path script) throws IOException, InterruptedException {
        return sqlClient("-f", script.toString(), "-j", "target/udf.jar");
    }

    /** Runs bin/sql-client with {@code arguments}; returns its console after a zero exit. */
    private String sqlClient(String... arguments) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of("bin/sql-client"));
        command.addAll(List.of(arguments));
        final Processes.Finished client =
                Processes.run(dir.resolve("console.txt"), Map.of(), command.toArray(String[]::new));
        assertThat(client.exitCode()).as(client.console()).isZero();
        return client.console();
    }
}
