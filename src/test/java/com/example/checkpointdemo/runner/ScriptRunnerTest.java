package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.SumAndFailOnce;
import com.example.checkpointdemo.plumbing.ClusterAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scripts that fail before any job starts: no cluster is needed to see how they fail. */
class ScriptRunnerTest {

    private static final ClusterAddress NOWHERE = ClusterAddress.of("127.0.0.1", 1);

    /** A script whose job (line 3) needs nothing but a cluster. */
    private static final String[] GENERATED_INTO_BLACKHOLE = {
        "CREATE TABLE t (v BIGINT) WITH ('connector' = 'datagen');",
        "CREATE TABLE s (v BIGINT) WITH ('connector' = 'blackhole');",
        "INSERT INTO s SELECT v FROM t;"
    };

    @TempDir Path dir;

    @Test
    void aSyntaxErrorNamesTheScriptAndTheLineInTheFile() throws IOException {
        final Path script =
                write(
                        "SET 'parallelism.default' = '1';",
                        "",
                        "-- a comment before the broken statement",
                        "CREATE TABLE t (",
                        "  v BIGINT",
                        "  WITH ('connector' = 'datagen');");

        assertThatThrownBy(() -> run(script))
                .isInstanceOf(ScriptException.class)
                .hasMessage(script + ":4: Encountered \"WITH\" at line 6, column 3.");
    }

    @Test
    void anUnknownFunctionIsNamed() throws IOException {
        final Path script =
                write(
                        "CREATE TABLE t (v BIGINT) WITH ('connector' = 'datagen');",
                        "CREATE TABLE s (v BIGINT) WITH ('connector' = 'blackhole');",
                        "INSERT INTO s SELECT NO_SUCH_FUNCTION(v) FROM t;");

        assertThatThrownBy(() -> run(script))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith(script + ":3: ")
                .hasMessageContaining("No match found for function signature NO_SUCH_FUNCTION");
    }

    @Test
    void aMissingSemicolonShowsWhereTheNextStatementBegins() throws IOException {
        final Path script =
                write(
                        "SET 'a' = 'b';",
                        "CREATE TABLE t (v BIGINT) WITH ('connector' = 'datagen')",
                        "CREATE TABLE s (v BIGINT) WITH ('connector' = 'blackhole');");

        assertThatThrownBy(() -> run(script))
                .isInstanceOf(ScriptException.class)
                .hasMessage(script + ":2: Encountered \"CREATE\" at line 3, column 1.");
    }

    @Test
    void anUnfinishedStatementSetIsIncomplete() throws IOException {
        final Path script =
                write(
                        "CREATE TABLE t (v BIGINT) WITH ('connector' = 'datagen');",
                        "CREATE TABLE s (v BIGINT) WITH ('connector' = 'blackhole');",
                        "EXECUTE STATEMENT SET BEGIN",
                        "INSERT INTO s SELECT v FROM t;");

        assertThatThrownBy(() -> run(script))
                .isInstanceOf(ScriptException.class)
                .hasMessage(script + ":3: the statement is incomplete (is a ';' or an END missing?)");
    }

    @Test
    void aScriptWithoutAJobSaysSo() throws IOException {
        final Path script = write("SET 'a' = 'b';");

        assertThatThrownBy(() -> run(script))
                .isInstanceOf(ScriptException.class)
                .hasMessage(script + ": the script starts no job (no INSERT)");
    }

    @Test
    void aMissingInputFileIsNamedAtTheTableThatReadsItBeforeAnyJobStarts() throws IOException {
        final Path script = write(inputScript(dir.resolve("missing.csv")));

        assertThatThrownBy(() -> run(script))
                .isInstanceOf(ScriptException.class)
                .hasMessage(script + ":1: table numbers reads " + dir.resolve("missing.csv") + ", which does not exist");
    }

    @Test
    void anEmptyInputFileIsNamed() throws IOException {
        final Path empty = Files.createFile(dir.resolve("empty.csv"));
        final Path script = write(inputScript(empty));

        assertThatThrownBy(() -> run(script))
                .isInstanceOf(ScriptException.class)
                .hasMessage(script + ":1: table numbers reads " + empty + ", which is empty: there is nothing to sum");
    }

    @Test
    void aBadArgumentTypeIsNamed() throws IOException {
        final Path script =
                write(
                        "CREATE TABLE t (k STRING, v BIGINT) WITH ('connector' = 'datagen');",
                        "CREATE FUNCTION SumAndFailOnce AS 'com.example.checkpointdemo.functions.SumAndFailOnce';",
                        "CREATE VIEW sums AS SELECT * FROM SumAndFailOnce(input => TABLE t PARTITION BY k, fail_on => 'eight');");

        assertThatThrownBy(() -> run(script))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith(script + ":3: No match found for function signature SumAndFailOnce(")
                .hasMessageContaining("<CHARACTER>") // what it was given: 'eight'
                .hasMessageEndingWith(" It is called as " + SumAndFailOnce.CALL + ".");
    }

    @Test
    void failOnForAScriptWithoutFailOnIsRefusedBeforeTheJobStarts() throws IOException {
        final Path script = write(GENERATED_INTO_BLACKHOLE);

        // NOWHERE has no cluster: reaching the submission would fail otherwise.
        assertThatThrownBy(() -> new ScriptRunner(NOWHERE, Variant.PTF, 11).run(script))
                .isInstanceOf(ScriptException.class)
                .hasMessage(script + ":3: --fail-on was given but the script has no fail_on => argument");
    }

    @Test
    void anInitializationScriptMayNotStartAJob() throws IOException {
        final Path init = write(GENERATED_INTO_BLACKHOLE);
        final Path script = Files.writeString(dir.resolve("main.sql"), "INSERT INTO s SELECT v FROM t;\n");

        assertThatThrownBy(() -> new ScriptRunner(NOWHERE, Variant.PTF, null).init(init).run(script))
                .isInstanceOf(ScriptException.class)
                .hasMessage(init + ":3: an initialization script must not start a job");
    }

    @Test
    void anExecutePlanWithoutItsCompilePlanIsRefusedBeforeAnyJobStarts() throws IOException {
        final Path script = write(GENERATED_INTO_BLACKHOLE[0], GENERATED_INTO_BLACKHOLE[1], "EXECUTE PLAN 'plan.json';");

        assertThatThrownBy(() -> new ScriptRunner(NOWHERE, Variant.PTF, null).baseDirectory(dir).run(script))
                .isInstanceOf(ScriptException.class)
                .hasMessage(script + ":3: EXECUTE PLAN 'plan.json': the runner learns which tables a plan writes from the"
                        + " COMPILE PLAN statement before it, and this script has none for " + dir.resolve("plan.json"));
    }

    @Test
    void aCompiledPlanIsWrittenInTheRunsFolderAndRunsAsCompiledWithoutFailOn() throws IOException {
        final Path script = write(GENERATED_INTO_BLACKHOLE[0], GENERATED_INTO_BLACKHOLE[1],
                "COMPILE PLAN 'plans/plan.json' FOR INSERT INTO s SELECT v FROM t;", "EXECUTE PLAN 'plans/plan.json';");

        // --fail-on cannot reach a plan already compiled: refused before the job is submitted.
        assertThatThrownBy(() -> new ScriptRunner(NOWHERE, Variant.PTF, 11).baseDirectory(dir).run(script))
                .isInstanceOf(ScriptException.class)
                .hasMessage(script + ":4: " + dir.resolve("plans/plan.json") + " holds a compiled plan, which runs as it was"
                        + " compiled: --variant and --fail-on cannot change it (delete the file to compile the script again)");
        assertThat(dir.resolve("plans/plan.json")).content().contains("\"flinkVersion\"", "`default_catalog`.`default_database`.`s`");
    }

    private static String[] inputScript(Path input) {
        return new String[] {
            "CREATE TABLE numbers (v BIGINT) WITH ('connector' = 'filesystem', 'path' = '" + input + "', 'format' = 'csv');",
            "CREATE TABLE s (v BIGINT) WITH ('connector' = 'blackhole');",
            "INSERT INTO s SELECT v FROM numbers;"
        };
    }

    private void run(Path script) {
        new ScriptRunner(NOWHERE, Variant.PTF, null).run(script);
    }

    private Path write(String... lines) throws IOException {
        return Files.write(dir.resolve("script.sql"), List.of(lines));
    }
}
