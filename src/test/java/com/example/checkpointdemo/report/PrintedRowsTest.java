package com.example.checkpointdemo.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrintedRowsTest {

    @Test
    void aReplayedRowIsADuplicateWhateverItsAttempt() {
        final List<String> console =
                List.of(
                        "SUM> +I[all, 3, 6, 0]",
                        "SUM> +I[all, 4, 10, 0]",
                        "12:00:00.000 WARN  Task - something else",
                        "SUM> +I[all, 4, 10, 1]",
                        "SUM> +I[all, 5, 15, 1]");

        assertThat(PrintedRows.count(console, "SUM")).isEqualTo(new PrintedRows(4, 1));
    }

    @Test
    void retractionsAndOtherSinksAreNotCounted() {
        final List<String> console =
                List.of("SUM> +I[all, 1, 1, 0]", "SUM> -D[all, 1, 1, 0]", "SUM> +I[all, 2, 3, 0]", "OTHER> +I[x]");

        assertThat(PrintedRows.count(console, "SUM")).isEqualTo(new PrintedRows(2, 0));
    }
}
