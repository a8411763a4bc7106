package com.example.checkpointdemo.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The numbers an input file holds, read independently of Flink to check what Flink committed. */
public final class InputValues {

    private InputValues() {}

    /** One value per non-blank line, in file order. */
    public static List<Long> read(Path file) {
        final List<Long> values = new ArrayList<>();
        try {
            int lineNumber = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNumber++;
                final String text = line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                try {
                    values.add(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            file + ":" + lineNumber + ": not a number: '" + text + "'");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read input " + file, e);
        }
        return values;
    }
}
