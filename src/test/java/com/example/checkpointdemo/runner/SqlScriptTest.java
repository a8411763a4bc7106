package com.example.checkpointdemo.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlScriptTest {

    @TempDir Path dir;

    @Test
    void semicolonsInQuotesAndCommentsDoNotEndAStatement() throws IOException {
        final List<SqlScript.Chunk> chunks =
                chunks(
                        "-- a comment; still a comment",
                        "SET 'pipeline.name' = 'a;b';",
                        "/* block; comment */ SELECT ';'",
                        "  FROM t;",
                        "SELECT `odd;name` FROM t;");

        assertThat(chunks).extracting(SqlScript.Chunk::statementLine).containsExactly(2, 3, 5);
        assertThat(chunks.get(0).sql()).contains("'a;b'");
        assertThat(chunks.get(1).sql()).contains("FROM t;");
    }

    @Test
    void aStatementSetArrivesInPiecesThatJoinBackTogether() throws IOException {
        final List<SqlScript.Chunk> chunks =
                chunks(
                        "EXECUTE STATEMENT SET",
                        "BEGIN",
                        "  INSERT INTO a SELECT * FROM t;",
                        "  INSERT INTO b SELECT * FROM t;",
                        "END;");

        // Each INSERT line ends like a statement; the parser asks for more until END.
        assertThat(chunks).hasSize(3);
        final SqlScript.Chunk whole = SqlScript.join(SqlScript.join(chunks.get(0), chunks.get(1)), chunks.get(2));
        assertThat(whole.firstLine()).isEqualTo(1);
        assertThat(whole.lastLine()).isEqualTo(5);
        assertThat(whole.sql()).startsWith("EXECUTE STATEMENT SET").contains("INSERT INTO b").endsWith("END;\n");
    }

    @Test
    void textAfterTheLastSemicolonIsKeptSoItCanBeReportedAsIncomplete() throws IOException {
        final List<SqlScript.Chunk> chunks = chunks("SET 'a' = 'b';", "", "SELECT 1");

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(1).statementLine()).isEqualTo(3);
    }

    @Test
    void trailingCommentsAreNotAStatement() throws IOException {
        final List<SqlScript.Chunk> chunks = chunks("SET 'a' = 'b';", "-- the end; really", "/* done */");

        assertThat(chunks).hasSize(1);
    }

    @Test
    void theDemoScriptHasOneChunkPerStatementUpToTheStatementSet() {
        final List<SqlScript.Chunk> chunks = SqlScript.read(Path.of("sql/checkpoint_demo.sql")).chunks();

        // The chunks follow one another line by line, each ending at its statement's ';' ...
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).firstLine()).isEqualTo(chunks.get(i - 1).lastLine() + 1);
        }
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.sql().strip()).endsWith(";"));
        // ... and hold one statement each: the 16 SETs alone, one per chunk.
        assertThat(chunks).filteredOn(chunk -> chunk.sql().contains("\nSET ") || chunk.sql().startsWith("SET "))
                .hasSize(16)
                .allSatisfy(chunk -> assertThat(chunk.sql().split("\nSET |^SET ", -1)).hasSize(2));
        assertThat(chunks.get(0).firstLine()).isEqualTo(1);
        assertThat(chunks.get(0).sql()).contains("SET 'execution.runtime-mode' = 'streaming';");
        assertThat(chunks.get(chunks.size() - 1).sql().strip()).isEqualTo("END;");
    }

    @Test
    void aMissingScriptIsNamed() {
        assertThatThrownBy(() -> SqlScript.read(dir.resolve("nope.sql")))
                .isInstanceOf(ScriptException.class)
                .hasMessageEndingWith("nope.sql: no such SQL script");
    }

    private List<SqlScript.Chunk> chunks(String... lines) throws IOException {
        final Path file = dir.resolve("script.sql");
        Files.write(file, List.of(lines));
        return SqlScript.read(file).chunks();
    }
}
