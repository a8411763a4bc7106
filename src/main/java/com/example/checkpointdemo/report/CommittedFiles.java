package com.example.checkpointdemo.report;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the part files a filesystem sink committed, in the order they were committed, as
 * {@link SumRow}s: the first four CSV columns are {@code k, v, running_sum, attempt}.
 */
public final class CommittedFiles {

    // The file sink names its files part-<uuid>-<subtask>-<counter>; the counter grows per commit.
    private static final Pattern PART = Pattern.compile("part-(.+)-(\\d+)-(\\d+)(\\..*)?");

    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private CommittedFiles() {}

    /** The rows of {@code files}, ordered by subtask and then commit counter. */
    public static List<SumRow> read(Collection<Path> files) {
        final List<SumRow> rows = new ArrayList<>();
        for (Path file : commitOrder(files)) {
            readFile(file, rows);
        }
        return rows;
    }

    static List<Path> commitOrder(Collection<Path> files) {
        return files.stream()
                .sorted(Comparator.comparingLong((Path f) -> partNumber(f, 2))
                        .thenComparingLong(f -> partNumber(f, 3))
                        .thenComparing(Path::toString))
                .toList();
    }

    private static long partNumber(Path file, int group) {
        final Matcher matcher = PART.matcher(file.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(group)) : Long.MAX_VALUE;
    }

    private static void readFile(Path file, List<SumRow> rows) {
        try (MappingIterator<String[]> lines =
                CSV.readerFor(String[].class).readValues(Files.newBufferedReader(file))) {
            while (lines.hasNext()) {
                final String[] fields = lines.next();
                final long line = lines.getCurrentLocation().getLineNr() - 1;
                if (fields.length == 1 && fields[0].isEmpty()) {
                    continue;
                }
                rows.add(parse(fields, file, line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read committed file " + file, e);
        }
    }

    private static SumRow parse(String[] fields, Path file, long line) {
        if (fields.length < 4) {
            throw new IllegalStateException(
                    file + ":" + line + ": expected k,v,running_sum,attempt but found "
                            + String.join(",", fields));
        }
        try {
            return new SumRow(
                    fields[0],
                    Long.parseLong(fields[1]),
                    Long.parseLong(fields[2]),
                    Integer.parseInt(fields[3]));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    file + ":" + line + ": not a k,v,running_sum,attempt row: " + String.join(",", fields));
        }
    }
}
