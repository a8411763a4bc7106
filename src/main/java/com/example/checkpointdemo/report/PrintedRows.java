package com.example.checkpointdemo.report;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a print sink wrote, read back from the console: its lines look like {@code SUM> +I[all, 4,
 * 10, 0, 2026-11-28 18:28:50.123]}. Every row the function processed is there, the ones a restore
 * threw away included; a row printed again with only another attempt number is a duplicate.
 */
public record PrintedRows(List<SumRow> rows) {

    private static final Pattern LINE = Pattern.compile("(\\S+)> ([+-][IUD])\\[(.*)]");
    private static final DateTimeFormatter PRINTED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]");

    /**
     * The inserted and updated rows among {@code lines} printed as {@code identifier}, their
     * {@code processed_at} printed in the session time zone {@code zone}.
     */
    public static PrintedRows read(List<String> lines, String identifier, ZoneId zone) {
        final List<SumRow> rows = new ArrayList<>();
        for (String line : lines) {
            final Matcher matcher = LINE.matcher(line.strip());
            if (matcher.matches() && matcher.group(1).equals(identifier) && matcher.group(2).startsWith("+")) {
                row(matcher.group(3).split(", ", -1), zone).ifPresent(rows::add);
            }
        }
        return new PrintedRows(rows);
    }

    private static Optional<SumRow> row(String[] fields, ZoneId zone) {
        if (fields.length < 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SumRow(
                    fields[0],
                    Long.parseLong(fields[1]),
                    Long.parseLong(fields[2]),
                    Integer.parseInt(fields[3]),
                    fields.length > 4 ? printedTime(fields[4], zone) : null));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * A printed {@code TIMESTAMP_LTZ}: an instant ({@code 2026-11-28T18:46:26.318Z}) or a local time
     * in the session time zone ({@code 2026-11-28 18:46:26.318}); {@code null} is null.
     */
    private static Instant printedTime(String field, ZoneId zone) {
        if ("null".equals(field)) {
            return null;
        }
        return field.endsWith("Z")
                ? Instant.parse(field.replace(' ', 'T'))
                : LocalDateTime.parse(field, PRINTED_TIME).atZone(zone).toInstant();
    }

    /** How many rows were printed. */
    public int count() {
        return rows.size();
    }

    /** How many were printed again: the same key, value and running sum as an earlier row. */
    public int duplicates() {
        final Set<List<Object>> seen = new HashSet<>();
        return (int) rows.stream().filter(row -> !seen.add(List.of(row.k(), row.v(), row.runningSum()))).count();
    }
}
