package com.example.checkpointdemo.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrintedRowsTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    @Test
    void aReplayedRowIsADuplicateWhateverItsAttempt() {
        final List<String> console =
                List.of(
                        "SUM> +I[all, 3, 6, 0, 2026-11-28T18:46:26.318Z]",
                        "SUM> +I[all, 4, 10, 0, 2026-11-28T18:46:26.512Z]",
                        "12:00:00.000 WARN  Task - something else",
                        "SUM> +I[all, 4, 10, 1, 2026-11-28T18:46:29.001Z]",
                        "SUM> +I[all, 5, 15, 1, 2026-11-28T18:46:29.202Z]");

        final PrintedRows printed = PrintedRows.read(console, "SUM", ZONE);

        assertThat(printed.count()).isEqualTo(4);
        assertThat(printed.duplicates()).isEqualTo(1);
        assertThat(printed.rows().get(2)).isEqualTo(new SumRow("all", 4, 10, 1, Instant.parse("2026-11-28T18:46:29.001Z")));
    }

    @Test
    void aLocalTimeIsReadInTheSessionTimeZone() {
        final PrintedRows printed = PrintedRows.read(List.of("SUM> +I[all, 1, 1, 0, 2026-11-28 19:46:26.318]"), "SUM", ZONE);

        assertThat(printed.rows()).extracting(SumRow::processedAt).containsExactly(Instant.parse("2026-11-28T18:46:26.318Z"));
    }

    @Test
    void retractionsAndOtherSinksAreNotCounted() {
        final List<String> console =
                List.of("SUM> +I[all, 1, 1, 0, null]", "SUM> -D[all, 1, 1, 0, null]", "SUM> +I[all, 2, 3, 0, null]", "OTHER> +I[x]");

        final PrintedRows printed = PrintedRows.read(console, "SUM", ZONE);

        assertThat(printed.count()).isEqualTo(2);
        assertThat(printed.duplicates()).isZero();
    }
}
