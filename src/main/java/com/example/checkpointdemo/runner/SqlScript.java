package com.example.checkpointdemo.runner;

import org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants;
import org.apache.flink.sql.parser.impl.FlinkSqlParserImplTokenManager;
import org.apache.flink.sql.parser.impl.SimpleCharStream;
import org.apache.flink.table.api.SqlDialect;
import org.apache.flink.table.client.cli.parser.SqlClientParserState;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .sql} file read as the SQL Client reads it: a statement ends at a line that ends with
 * {@code ;} outside quotes and comments (Flink's own {@link SqlClientParserState} decides), unless
 * the parser says the statement goes on, as an {@code EXECUTE STATEMENT SET BEGIN ... END} does.
 */
public final class SqlScript {

    /** A candidate statement: its text, its file and the lines it spans there (1-based). */
    public record Chunk(String sql, Path file, int firstLine, int lastLine) {

        /** {@code file:line} of the statement, for messages. */
        public String where() {
            return file + ":" + statementLine();
        }


        /** The first line that holds more than blanks and {@code --} comments, for messages. */
        public int statementLine() {
            final String[] lines = sql.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                final String line = lines[i].strip();
                if (!line.isEmpty() && !line.startsWith("--")) {
                    return firstLine + i;
                }
            }
            return firstLine;
        }
    }

    private final Path path;
    private final List<String> lines;

    private SqlScript(Path path, List<String> lines) {
        this.path = path;
        this.lines = lines;
    }

    /** Reads the script; a missing or unreadable file is a {@link ScriptException} naming it. */
    public static SqlScript read(Path path) {
        try {
            return new SqlScript(path, Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new ScriptException(path + ": no such SQL script");
        } catch (IOException e) {
            throw new ScriptException(path + ": cannot read the SQL script: " + e.getMessage());
        }
    }

    /** The file the script was read from. */
    public Path path() {
        return path;
    }

    /**
     * Cuts the script into chunks that end like statements. The caller asks its parser whether a
     * chunk is a complete statement; when it is not, it {@link #join}s it with the next chunk.
     */
    public List<Chunk> chunks() {
        final List<Chunk> chunks = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        int first = 1;
        for (int i = 0; i < lines.size(); i++) {
            text.append(lines.get(i)).append('\n');
            if (endsStatement(text)) {
                chunks.add(new Chunk(text.toString(), path, first, i + 1));
                text.setLength(0);
                first = i + 2;
            }
        }
        if (hasCode(text.toString())) {
            chunks.add(new Chunk(text.toString(), path, first, lines.size()));
        }
        return chunks;
    }

    /** Whether {@code sql} holds more than blanks and comments, by Flink SQL's own lexer. */
    static boolean hasCode(String sql) {
        final FlinkSqlParserImplTokenManager tokens =
                new FlinkSqlParserImplTokenManager(new SimpleCharStream(new StringReader(sql)));
        tokens.SwitchTo(FlinkSqlParserImplConstants.BTID); // Flink SQL quotes identifiers in back ticks
        return tokens.getNextToken().kind != FlinkSqlParserImplConstants.EOF;
    }

    /** Joins a chunk the parser found incomplete with the chunk after it. */
    public static Chunk join(Chunk head, Chunk tail) {
        return new Chunk(head.sql() + tail.sql(), head.file(), head.firstLine(), tail.lastLine());
    }

    private static boolean endsStatement(CharSequence text) {
        final String sql = text.toString();
        return sql.strip().endsWith(";")
                && SqlClientParserState.computeCurrentStateAtTheEndOfLine(sql, SqlDialect.DEFAULT)
                        == SqlClientParserState.DEFAULT;
    }
}
