package com.example.checkpointdemo.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class InputValuesTest {

    @Test
    void aValueIsATrimmedBase10IntegerThatFitsABigint() {
        final InputValues input = InputValues.of("1\n  2  \n\t3\r\n+4\n-5\n007\n9223372036854775807\n-9223372036854775808\n");

        assertThat(input.values()).containsExactly(1L, 2L, 3L, 4L, -5L, 7L, Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(input.badLines()).isEmpty();
    }

    @Test
    void blankLinesAreSkipped() {
        final InputValues input = InputValues.of("\n1\n   \n\t\r\n2");

        assertThat(input.values()).containsExactly(1L, 2L);
        assertThat(input.badLines()).isEmpty();
    }

    @Test
    void everythingElseIsABadLineWithItsNumberAndReason() {
        final InputValues input = InputValues.of("1\nabc\n4.5\n1,2\n1e3\n99999999999999999999\n- 3\n");

        assertThat(input.values()).containsExactly(1L);
        assertThat(input.badLines())
                .containsExactly(
                        new InputValues.BadLine(2, "abc", "not an integer"),
                        new InputValues.BadLine(3, "4.5", "not an integer"),
                        new InputValues.BadLine(4, "1,2", "not an integer"),
                        new InputValues.BadLine(5, "1e3", "not an integer"),
                        new InputValues.BadLine(6, "99999999999999999999", "out of the BIGINT range"),
                        new InputValues.BadLine(7, "- 3", "not an integer"));
    }

    @Test
    void aLoneCarriageReturnEndsALineAsInTheCsvReader() {
        final InputValues input = InputValues.of("1\r2\r\nx\r");

        assertThat(input.values()).containsExactly(1L, 2L);
        assertThat(input.badLines()).containsExactly(new InputValues.BadLine(3, "x", "not an integer"));
    }

    @Test
    void theSumIsOfTheValuesOnly() {
        assertThat(InputValues.of("5\nx\n-2\n").sum()).isEqualTo(3);
    }

    @Test
    void aFolderIsReadAsTheFileSourceReadsIt(@TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("numbers-2.csv"), "3\n4\n");
        java.nio.file.Files.writeString(dir.resolve("numbers-1.csv"), "1\n2"); // no line break at its end
        java.nio.file.Files.writeString(dir.resolve(".part-in-progress"), "99\n"); // hidden: the source skips it

        final InputValues input = InputValues.read(new org.apache.flink.core.fs.Path(dir.toUri()));

        assertThat(input.values()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(input.badLines()).isEmpty();
    }
}
