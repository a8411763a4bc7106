package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.runner.ScriptException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What verify learns of a script before any run, with no cluster: its sinks and sources, and what makes its output differ from run to run. */
class ScriptAnalysisTest {

    @TempDir Path dir;

    @Test
    void theCorpusJobsWriteOneFileSinkEachAndNothingInThemDependsOnTheRun() {
        for (String job : List.of("window_totals", "interval_join", "deduplication")) {
            final ScriptAnalysis analysis = ScriptAnalysis.of(Path.of("sql/verify/" + job + ".sql"), List.of());

            assertThat(analysis.sinks()).as(job).hasSize(1);
            assertThat(analysis.isFileTable(analysis.sinks().get(0))).as(job).isTrue();
            assertThat(analysis.nondeterminism()).as(job).isEmpty();
            assertThat(analysis.unbounded()).as(job).isEmpty();
            assertThat(analysis.tableDefinitions().get(analysis.sinks().get(0))).as(job).startsWith("CREATE TABLE");
        }
        assertThat(ScriptAnalysis.of(Path.of("sql/verify/interval_join.sql"), List.of()).sources()).containsExactly("orders", "payments");
    }

    @Test
    void nowIsFoundWithItsLineAndWhy() {
        final ScriptAnalysis analysis = ScriptAnalysis.of(Path.of("sql/verify/catch/now.sql"), List.of());

        assertThat(analysis.nondeterminism()).extracting(ScriptAnalysis.Finding::describe)
                .contains("sql/verify/catch/now.sql:29: NOW (the time of the run: another value in every run, and after a restart)");
    }

    @Test
    void processingTimeRandomValuesAndCommentsAreToldApart() throws Exception {
        final Path script = Files.writeString(dir.resolve("s.sql"), String.join("\n",
                "CREATE TABLE t (v BIGINT, pt AS PROCTIME()) WITH ('connector' = 'datagen', 'number-of-rows' = '5');",
                "CREATE TABLE s (v BIGINT, r DOUBLE, note STRING) WITH ('connector' = 'blackhole');",
                "-- NOW() in a comment is no finding, nor in a string:",
                "INSERT INTO s SELECT v, RAND(), 'UUID()' FROM t;", ""));

        final ScriptAnalysis analysis = ScriptAnalysis.of(script, List.of());

        assertThat(analysis.nondeterminism()).extracting(ScriptAnalysis.Finding::what).containsExactly("PROCTIME()", "RAND(");
        assertThat(analysis.nondeterminism().get(1).where()).endsWith("s.sql:4");
    }

    @Test
    void aSourceThatNeverEndsIsNamed() throws Exception {
        final Path script = Files.writeString(dir.resolve("s.sql"), String.join("\n",
                "CREATE TABLE t (v BIGINT) WITH ('connector' = 'datagen');",
                "CREATE TABLE s (v BIGINT) WITH ('connector' = 'blackhole');",
                "INSERT INTO s SELECT v FROM t;", ""));

        assertThat(ScriptAnalysis.of(script, List.of()).unbounded()).containsExactly("t: a datagen source without 'number-of-rows' never ends");
    }

    @Test
    void aKafkaTableOverTheSinksTopicIsItsReaderNotAnInputAndAnUnboundedKafkaSourceIsBoundedNotRefused() {
        final ScriptAnalysis analysis = ScriptAnalysis.of(Path.of("sql/verify/kafka_running_totals.sql"), List.of());

        assertThat(analysis.sources()).containsExactly("orders");
        assertThat(analysis.sinks()).containsExactly("running_totals");
        assertThat(analysis.readerOf("running_totals")).contains("running_totals_downstream");
        assertThat(analysis.isCompared("running_totals")).isTrue();
        assertThat(analysis.unbounded()).as("the verifier bounds it at the offsets it freezes").isEmpty();
        assertThat(ScriptAnalysis.of(Path.of("sql/verify/upsert_customer_totals.sql"), List.of()).isUpsertKafka("customer_totals")).isTrue();
    }

    @Test
    void aKafkaSourceThatStartsAtTheTopicsEndIsRefused() throws Exception {
        final Path script = Files.writeString(dir.resolve("s.sql"), String.join("\n",
                "CREATE TABLE t (v BIGINT) WITH ('connector' = 'kafka', 'topic' = 'in', 'properties.bootstrap.servers' = '127.0.0.1:1',",
                "  'scan.startup.mode' = 'latest-offset', 'format' = 'csv');",
                "CREATE TABLE s (v BIGINT) WITH ('connector' = 'blackhole');",
                "INSERT INTO s SELECT v FROM t;", ""));

        assertThat(ScriptAnalysis.of(script, List.of()).unbounded()).singleElement().asString()
                .startsWith("t: a Kafka source with 'scan.startup.mode' = 'latest-offset' reads only what arrives after the run starts");
    }

    @Test
    void aScriptWithoutAnInsertOrWithBadSqlIsRefusedWithItsLine() throws Exception {
        final Path noInsert = Files.writeString(dir.resolve("none.sql"), "CREATE TABLE t (v BIGINT) WITH ('connector' = 'datagen');\n");
        final Path bad = Files.writeString(dir.resolve("bad.sql"), "CREATE TABLE t (v BIGINT) WITH ('connector' = 'datagen');\nINSERT INTO nowhere SELECT v FROM t;\n");

        assertThatThrownBy(() -> ScriptAnalysis.of(noInsert, List.of())).isInstanceOf(ScriptException.class)
                .hasMessageEndingWith("the script starts no job (no INSERT): there is no output to verify");
        assertThatThrownBy(() -> ScriptAnalysis.of(bad, List.of())).isInstanceOf(ScriptException.class)
                .hasMessageStartingWith(bad + ":2").hasMessageContaining("nowhere");
    }
}
