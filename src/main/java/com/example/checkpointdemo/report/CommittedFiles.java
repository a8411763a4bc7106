package com.example.checkpointdemo.report;

import com.example.checkpointdemo.runner.FileTable;

import org.apache.flink.core.fs.Path;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the CSV part files a filesystem sink committed, in the order they were committed. */
public final class CommittedFiles {

    // The file sink names its files part-<uuid>-<subtask>-<counter>; the counter grows per commit.
    private static final Pattern PART = Pattern.compile("part-(.+)-(\\d+)-(\\d+)(\\..*)?");

    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private CommittedFiles() {}

    /**
     * The rows of a running-sum sink: its first columns are {@code k, v, running_sum, attempt}, then
     * {@code processed_at} where the sink has it.
     */
    public static List<SumRow> sumRows(Collection<Path> files) {
        return read(files).stream().map(CommittedFiles::sumRow).toList();
    }

    /** The rows of a rejects sink: {@code line, reason}. */
    public static List<RejectRow> rejectRows(Collection<Path> files) {
        return read(files).stream().map(CommittedFiles::rejectRow).toList();
    }

    /** The CSV rows of any file sink's {@code files}, as fields, in the order the sink committed them. */
    public static List<String[]> records(Collection<Path> files) {
        return read(files).stream().map(Line::fields).toList();
    }

    /**
     * The rows of a running-sum sink that wrote one CSV row per record (a Kafka topic), {@code
     * where} naming the topic in messages.
     */
    public static List<SumRow> sumRowsOfRecords(List<String> records, String where) {
        return parse(records, where).stream().map(CommittedFiles::sumRow).toList();
    }

    /** The rows of a rejects sink that wrote one CSV row per record. */
    public static List<RejectRow> rejectRowsOfRecords(List<String> records, String where) {
        return parse(records, where).stream().map(CommittedFiles::rejectRow).toList();
    }

    /** A CSV record and where it was: a file and line, or a topic and record number. */
    private record Line(String[] fields, String file, long number) {
        IllegalStateException wrong(String expected) {
            return new IllegalStateException(
                    file + ":" + number + ": not a " + expected + " row: " + String.join(",", fields));
        }
    }

    private static List<Line> parse(List<String> records, String where) {
        final List<Line> lines = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            try (MappingIterator<String[]> fields = CSV.readerFor(String[].class).readValues(records.get(i))) {
                while (fields.hasNext()) {
                    lines.add(new Line(fields.next(), where, i + 1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read record " + (i + 1) + " of " + where, e);
            }
        }
        return lines;
    }

    /** The records of {@code files}, ordered by subtask and then commit counter. */
    private static List<Line> read(Collection<Path> files) {
        final List<Line> lines = new ArrayList<>();
        for (Path file : commitOrder(files)) {
            try (MappingIterator<String[]> records = CSV.readerFor(String[].class)
                    .readValues(new InputStreamReader(file.getFileSystem().open(file), StandardCharsets.UTF_8))) {
                while (records.hasNext()) {
                    final String[] fields = records.next();
                    if (fields.length == 1 && fields[0].isEmpty()) {
                        continue;
                    }
                    lines.add(new Line(fields, FileTable.describe(file), records.getCurrentLocation().getLineNr() - 1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read committed file " + FileTable.describe(file), e);
            }
        }
        return lines;
    }

    /** {@code files} in the order the sink committed them: by subtask, then by commit counter. */
    public static List<Path> commitOrder(Collection<Path> files) {
        return files.stream()
                .sorted(Comparator.comparingLong((Path f) -> partNumber(f, 2))
                        .thenComparingLong(f -> partNumber(f, 3))
                        .thenComparing(FileTable.ORDER))
                .toList();
    }

    private static long partNumber(Path file, int group) {
        final Matcher matcher = PART.matcher(file.getName());
        return matcher.matches() ? Long.parseLong(matcher.group(group)) : Long.MAX_VALUE;
    }

    private static SumRow sumRow(Line line) {
        if (line.fields().length < 4) {
            throw line.wrong("k,v,running_sum,attempt");
        }
        try {
            return new SumRow(
                    line.fields()[0],
                    Long.parseLong(line.fields()[1]),
                    Long.parseLong(line.fields()[2]),
                    Integer.parseInt(line.fields()[3]),
                    line.fields().length > 4 ? processedAt(line.fields()[4]) : null);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw line.wrong("k,v,running_sum,attempt");
        }
    }

    /**
     * A {@code TIMESTAMP_LTZ} as the csv format writes it, in UTC: {@code 2026-11-28
     * 18:28:50.123Z}; empty is null.
     */
    static @Nullable Instant processedAt(String field) {
        return field.isEmpty() ? null : Instant.parse(field.replace(' ', 'T'));
    }

    private static RejectRow rejectRow(Line line) {
        if (line.fields().length != 2) {
            throw line.wrong("line,reason");
        }
        return new RejectRow(line.fields()[0], line.fields()[1]);
    }
}
