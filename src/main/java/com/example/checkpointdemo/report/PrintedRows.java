package com.example.checkpointdemo.report;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a print sink wrote, counted from the console: its lines look like {@code SUM> +I[all, 4,
 * 10, 1]}. A row printed again with only another attempt number is a duplicate.
 */
public record PrintedRows(int rows, int duplicates) {

    private static final Pattern LINE = Pattern.compile("(\\S+)> ([+-][IUD])\\[(.*)]");

    /** Counts the inserted and updated rows among {@code lines} printed as {@code identifier}. */
    public static PrintedRows count(List<String> lines, String identifier) {
        final Set<String> seen = new HashSet<>();
        int rows = 0;
        int duplicates = 0;
        for (String line : lines) {
            final Matcher matcher = LINE.matcher(line.strip());
            if (!matcher.matches() || !matcher.group(1).equals(identifier) || matcher.group(2).startsWith("-")) {
                continue;
            }
            rows++;
            // k, v, running_sum: the attempt, last, is what differs between a row and its replay.
            final String fields = matcher.group(3);
            if (!seen.add(fields.substring(0, Math.max(0, fields.lastIndexOf(','))))) {
                duplicates++;
            }
        }
        return new PrintedRows(rows, duplicates);
    }
}
