package com.example.checkpointdemo.report;

import com.example.checkpointdemo.testing.Expected;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommittedFilesTest {

    @TempDir Path dir;

    @Test
    void readsPartFilesInCommitOrder() throws IOException {
        final Path second = write("part-abc-0-10", "all,3,6,1");
        final Path first = write("part-abc-0-2", "all,1,1,0", "all,2,3,0");

        assertThat(CommittedFiles.sumRows(Expected.stored(List.of(second, first))))
                .containsExactly(
                        new SumRow("all", 1, 1, 0), new SumRow("all", 2, 3, 0), new SumRow("all", 3, 6, 1));
    }

    @Test
    void readsQuotedKeysProcessingTimesAndExtraColumns() throws IOException {
        final Path file = write("part-abc-0-0", "\"a,b\",5,5,0,\"2026-11-28 18:46:33.154Z\",extra", "b,1,1,0");

        assertThat(CommittedFiles.sumRows(Expected.stored(List.of(file)))).containsExactly(
                new SumRow("a,b", 5, 5, 0, Instant.parse("2026-11-28T18:46:33.154Z")), new SumRow("b", 1, 1, 0));
    }

    @Test
    void aMalformedRowNamesFileAndLine() throws IOException {
        final Path file = write("part-abc-0-0", "all,1,1,0", "all,x,1,0");

        assertThatThrownBy(() -> CommittedFiles.sumRows(Expected.stored(List.of(file))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(file + ":2: not a k,v,running_sum,attempt row: all,x,1,0");
    }

    @Test
    void readsRejectedLinesWithCommasAndQuotes() throws IOException {
        final Path file = write("part-abc-0-0", "\"1,2\",\"not an integer\"", "\"\"\"x\",\"not an integer\"");

        assertThat(CommittedFiles.rejectRows(Expected.stored(List.of(file))))
                .containsExactly(new RejectRow("1,2", "not an integer"), new RejectRow("\"x", "not an integer"));
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }
}
