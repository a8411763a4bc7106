package com.example.checkpointdemo.bench;

import com.example.checkpointdemo.cli.DemoCommand;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/demo bench at a tiny size: every implementation runs, recovers and lands in the CSV. The
 * bench checks every row's running sum itself and fails (exit status 3) on a wrong one.
 */
class BenchCommandITCase {

    @TempDir Path dir;

    @Test
    void measuresEveryImplementationIntoTheCsv() throws Exception {
        final Path csv = dir.resolve("results.csv");
        final int exitCode;
        exitCode =
                DemoCommand.commandLine()
                        .execute("bench", "--rows", "20000", "--keys", "10", "--backend", "hashmap",
                                "--rotations", "1", "--csv", csv.toString(), "--checkpoints", dir.resolve("checkpoints").toString());

        assertThat(exitCode).isZero();
        final List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(BenchResult.CSV_HEADER);
        assertThat(lines.subList(1, lines.size()))
                .extracting(line -> line.split(",")[0])
                .containsExactly("ptf", "tableagg", "datastream-bridge", "datastream", "over");
        for (String line : lines.subList(1, lines.size())) {
            final String[] fields = line.split(",", -1);
            assertThat(Double.parseDouble(fields[4])).as(line).isPositive();
            assertThat(Double.parseDouble(fields[7])).as("ratio to DataStream: " + line).isPositive();
            assertThat(Double.parseDouble(fields[8])).as("ratio to the bridge: " + line).isPositive();
            // Every implementation failed once and came back to the failing row (an empty figure: it did not).
            assertThat(Long.parseLong(fields[12])).as(line).isPositive();
            assertThat(Long.parseLong(fields[13])).as(line).isPositive();
            // And every key's final sum, after the failure too, is the sum of its input values.
            assertThat(fields[14]).as(line).isEqualTo("10");
        }
    }
}
