package com.example.checkpointdemo.report;

import com.example.checkpointdemo.plumbing.FlinkFiles;

import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An input file read by the demo's rules, independently of Flink, to check what Flink committed:
 * a line is a value when, trimmed of spaces, tabs and {@code \r}, it is a base-10 integer that
 * fits a BIGINT; blank lines are skipped; every other line is a bad line, to be rejected.
 */
public record InputValues(List<Long> values, List<BadLine> badLines) {

    /** A line that is not a value, with its 1-based number and why. */
    public record BadLine(int number, String raw, String reason) {}

    /** The reasons, as the demo's script words them. */
    public static final String NOT_AN_INTEGER = "not an integer";
    public static final String OUT_OF_RANGE = "out of the BIGINT range";

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    /**
     * The lines of {@code file}, in file order; of a folder (as the file source reads one), the
     * lines of its visible files, in path order, one file after the other (a bad line's number
     * then counts through them all).
     */
    public static InputValues read(Path file) {
        final StringBuilder text = new StringBuilder();
        try {
            if (!file.getFileSystem().exists(file)) {
                throw new IOException(file + " does not exist");
            }
            for (FileStatus part : FlinkFiles.files(file, false)) {
                try (InputStream in = file.getFileSystem().open(part.getPath())) {
                    final String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    text.append(content);
                    if (!content.isEmpty() && !content.endsWith("\n") && !content.endsWith("\r")) {
                        text.append('\n'); // the next file starts a line of its own
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read input " + file, e);
        }
        return of(text.toString());
    }

    /** {@code lines} (a topic's records, one line each), as the file they were filled from would read. */
    public static InputValues ofLines(java.util.List<String> lines) {
        return of(lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    }

    /**
     * The lines of {@code text}, split where the script's CSV reader (Jackson's) splits them: at
     * {@code \n}, {@code \r\n} and a lone {@code \r}.
     */
    static InputValues of(String text) {
        final List<Long> values = new ArrayList<>();
        final List<BadLine> bad = new ArrayList<>();
        final String[] lines = text.split("\r\n|\r|\n", -1);
        // A final line break ends the last line; it does not start another one.
        final int count = text.endsWith("\n") || text.endsWith("\r") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            final String raw = lines[i];
            final String trimmed = raw.replaceAll("^[ \t\r]+|[ \t\r]+$", "");
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!INTEGER.matcher(trimmed).matches()) {
                bad.add(new BadLine(i + 1, raw, NOT_AN_INTEGER));
                continue;
            }
            try {
                values.add(Long.parseLong(trimmed));
            } catch (NumberFormatException e) {
                bad.add(new BadLine(i + 1, raw, OUT_OF_RANGE));
            }
        }
        return new InputValues(values, bad);
    }

    /** The sum of the values. */
    public long sum() {
        return values.stream().mapToLong(Long::longValue).sum();
    }
}
