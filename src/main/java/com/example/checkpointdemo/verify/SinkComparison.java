package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.evidence.TableRows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

/**
 * A sink's committed rows against its reference's, as multisets: the oracle of {@code verify}. A
 * pure function: it runs nothing and reads nothing but the rows it is given. Ignored columns (the
 * ones the user named) are left out of every row first.
 */
public final class SinkComparison {

    private SinkComparison() {}

    /**
     * The anomalies of {@code actual} against {@code reference} for {@code sink} (none: the same
     * multiset). A row {@code actual} has more often than the reference is DUPLICATED if the
     * reference has it at all, else UNEXPECTED; one it has less often is LOST. An unexpected row
     * and a lost one that agree on at least half the columns are one CHANGED VALUE, paired greedily
     * by the most columns in common.
     */
    public static List<Anomaly> compare(String sink, TableRows reference, TableRows actual, List<String> ignoredColumns) {
        final TableRows expected = reference.without(ignoredColumns);
        final TableRows got = actual.without(ignoredColumns);
        // Counted by equality; ordered only to show them (and to pair them the same way every time).
        final Map<List<String>, Integer> counts = new HashMap<>();
        expected.rows().forEach(row -> counts.merge(row, -1, Integer::sum));
        got.rows().forEach(row -> counts.merge(row, 1, Integer::sum));
        final Map<List<String>, Integer> referenceCounts = new HashMap<>();
        expected.rows().forEach(row -> referenceCounts.merge(row, 1, Integer::sum));
        final List<List<String>> differing = counts.entrySet().stream().filter(e -> e.getValue() != 0).map(Map.Entry::getKey)
                .sorted(ROW_ORDER).toList();

        final List<List<String>> duplicated = new ArrayList<>();
        final List<List<String>> unexpected = new ArrayList<>();
        final List<List<String>> lost = new ArrayList<>();
        for (List<String> row : differing) {
            final int difference = counts.get(row);
            for (int i = 0; i < Math.abs(difference); i++) {
                (difference > 0 ? referenceCounts.containsKey(row) ? duplicated : unexpected : lost).add(row);
            }
        }
        final List<String> changed = new ArrayList<>();
        for (List<String> row : List.copyOf(unexpected)) {
            final List<String> partner = closest(row, lost);
            if (partner != null) {
                changed.add(describeChange(got.columns(), partner, row));
                lost.remove(partner);
                unexpected.remove(row);
            }
        }
        final List<Anomaly> anomalies = new ArrayList<>();
        add(anomalies, Anomaly.Kind.LOST, sink, describeAll(got.columns(), lost));
        add(anomalies, Anomaly.Kind.DUPLICATED, sink, describeAll(got.columns(), duplicated));
        add(anomalies, Anomaly.Kind.UNEXPECTED, sink, describeAll(got.columns(), unexpected));
        add(anomalies, Anomaly.Kind.CHANGED_VALUE, sink, changed);
        return anomalies;
    }

    /** The lost row with the most columns in common with {@code row}, if it shares at least half of them. */
    private static List<String> closest(List<String> row, List<List<String>> lost) {
        List<String> best = null;
        int bestShared = (row.size() + 1) / 2 - 1;
        for (List<String> candidate : lost) {
            int shared = 0;
            for (int i = 0; i < row.size(); i++) {
                shared += row.get(i).equals(candidate.get(i)) ? 1 : 0;
            }
            if (shared > bestShared && shared < row.size()) {
                best = candidate;
                bestShared = shared;
            }
        }
        return best;
    }

    private static void add(List<Anomaly> anomalies, Anomaly.Kind kind, String sink, List<String> rows) {
        if (!rows.isEmpty()) {
            anomalies.add(new Anomaly(kind, sink, rows.size(), List.copyOf(rows.subList(0, Math.min(Anomaly.SHOWN, rows.size())))));
        }
    }

    private static List<String> describeAll(List<String> columns, List<List<String>> rows) {
        return rows.stream().map(row -> describe(columns, row)).toList();
    }

    /** {@code (k=a, v=7, n=3)}. */
    static String describe(List<String> columns, List<String> row) {
        final List<String> pairs = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            pairs.add(columns.get(i) + "=" + row.get(i));
        }
        return "(" + String.join(", ", pairs) + ")";
    }

    /** {@code (k=a, v=7): n 3 → 1}: the columns they share, then each that differs, reference → run. */
    private static String describeChange(List<String> columns, List<String> reference, List<String> actual) {
        final List<String> same = new ArrayList<>();
        final List<String> differ = new ArrayList<>();
        for (int i = 0; i < reference.size(); i++) {
            if (reference.get(i).equals(actual.get(i))) {
                same.add(columns.get(i) + "=" + reference.get(i));
            } else {
                differ.add(columns.get(i) + " " + reference.get(i) + " → " + actual.get(i));
            }
        }
        return "(" + String.join(", ", same) + "): " + String.join(", ", differ);
    }

    /**
     * Rows in a stable order, column by column: in each column numbers first, as numbers (9 before
     * 10), then the rest as text: a total order, whatever mix a column holds.
     */
    private static final Comparator<List<String>> ROW_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            final int byColumn = compareValues(a.get(i), b.get(i));
            if (byColumn != 0) {
                return byColumn;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private static int compareValues(String a, String b) {
        final boolean aNumber = NUMBER.matcher(a).matches();
        final boolean bNumber = NUMBER.matcher(b).matches();
        if (aNumber != bNumber) {
            return aNumber ? -1 : 1;
        }
        if (aNumber) {
            final int byNumber = new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b));
            if (byNumber != 0) {
                return byNumber;
            }
        }
        return a.compareTo(b);
    }

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?");
}
