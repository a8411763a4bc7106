package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.evidence.TableRows;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The oracle: a run's committed rows against the reference's, as multisets, each anomaly named. */
class SinkComparisonTest {

    private static final List<String> COLUMNS = List.of("window_end", "k", "total");

    @Test
    void theSameRowsInAnotherOrderAreNoAnomaly() {
        assertThat(SinkComparison.compare("totals", rows(row("1", "a", "3"), row("1", "b", "4")), rows(row("1", "b", "4"), row("1", "a", "3")),
                List.of())).isEmpty();
    }

    @Test
    void eachKindOfAnomalyIsNamedWithItsRows() {
        final TableRows reference = rows(row("1", "a", "3"), row("1", "b", "4"), row("2", "a", "5"), row("2", "b", "6"));
        // (1,b,4) committed twice, (2,a,5) lost, (2,b,6) became (2,b,7), (3,c,1) never existed.
        final TableRows run = rows(row("1", "a", "3"), row("1", "b", "4"), row("1", "b", "4"), row("2", "b", "7"),
                row("9", "z", "1"));

        assertThat(SinkComparison.compare("totals", reference, run, List.of())).extracting(Anomaly::describe).containsExactly(
                "LOST 1 row in totals: (window_end=2, k=a, total=5)",
                "DUPLICATED 1 row in totals: (window_end=1, k=b, total=4)",
                "UNEXPECTED 1 row in totals: (window_end=9, k=z, total=1)",
                "CHANGED VALUE 1 row in totals: (window_end=2, k=b): total 6 → 7");
    }

    @Test
    void aRowTheInputHasTwiceMayBeCommittedTwiceButNotThreeTimes() {
        final TableRows twice = rows(row("1", "a", "3"), row("1", "a", "3"));

        assertThat(SinkComparison.compare("totals", twice, twice, List.of())).isEmpty();
        assertThat(SinkComparison.compare("totals", twice, rows(row("1", "a", "3"), row("1", "a", "3"), row("1", "a", "3")), List.of()))
                .extracting(Anomaly::kind).containsExactly(Anomaly.Kind.DUPLICATED);
    }

    @Test
    void ignoredColumnsAreLeftOutOfTheComparison() {
        final TableRows reference = rows(row("1", "a", "3"));
        final TableRows run = rows(row("1", "a", "999"));

        assertThat(SinkComparison.compare("totals", reference, run, List.of("total"))).isEmpty();
        assertThat(SinkComparison.compare("totals", reference, run, List.of())).extracting(Anomaly::kind)
                .containsExactly(Anomaly.Kind.CHANGED_VALUE);
    }

    @Test
    void onlyAFewRowsOfEachKindAreShown() {
        final List<List<String>> many = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            many.add(row(String.valueOf(i), "a", "1"));
        }

        final List<Anomaly> anomalies = SinkComparison.compare("totals", new TableRows(COLUMNS, many), rows(), List.of());

        assertThat(anomalies).singleElement().satisfies(lost -> {
            assertThat(lost.rows()).isEqualTo(8);
            assertThat(lost.first()).hasSize(Anomaly.SHOWN);
            assertThat(lost.describe()).endsWith("; …");
        });
    }

    private static List<String> row(String... values) {
        return List.of(values);
    }

    @SafeVarargs
    private static TableRows rows(List<String>... rows) {
        return new TableRows(COLUMNS, List.of(rows));
    }
}
