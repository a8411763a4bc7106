package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.report.CommittedFiles;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RejectRow;
import com.example.checkpointdemo.testing.Sandbox;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static com.example.checkpointdemo.testing.Expected.committedRowsIn;
import static com.example.checkpointdemo.testing.Expected.runningSums;
import static com.example.checkpointdemo.testing.Expected.stored;
import static com.example.checkpointdemo.testing.Expected.valueAndSum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file mixing good values, blank lines and bad ones, run through the demo script with a failure
 * in the middle: the good values are summed and committed once, every bad line is kept with its
 * reason, and a value that would overflow the sum is kept too instead of failing the job. Lines
 * end at \n, \r\n or a lone \r ("-4\r+10" is two lines), as in the CSV reader.
 */
class BadInputITCase extends DemoTestBase {

    private static final String BIG = "9223372036854775000";
    private static final String MESSY =
            String.join("\n",
                    "1", "  2  ", "\t3\r", "", "   ", "abc", "4.5", "1,2", "\"quoted", "99999999999999999999",
                    "-4\r+10", BIG, "5", BIG, "6", "7", "8", "9", "10", "11", "12", "13", "");

    /** The values the sum takes, in order: the second BIG would overflow it. */
    private static final List<Long> SUMMED =
            List.of(1L, 2L, 3L, -4L, 10L, Long.parseLong(BIG), 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);

    @ParameterizedTest
    @EnumSource(Variant.class)
    void goodValuesAreSummedOnceAndEveryBadLineIsKept(Variant variant) throws IOException {
        final Path input = Files.writeString(dir.resolve("messy.csv"), MESSY);
        final Path output = dir.resolve("out");
        final Path script = sandbox.manual(Sandbox.demo().input(input).output(output).faults(FaultPlan.failOnce(5)), 5);

        final RecoveryReport report = runWithManualCheckpoint(script, 5, variant, null).report(null);

        assertThat(report.ok()).as(report.verdict()).isTrue();
        assertThat(report.rejectedRows()).isEqualTo(6);
        assertThat(report.rejectedExact()).isTrue();
        assertThat(report.finalSum()).isEqualTo(SUMMED.stream().mapToLong(Long::longValue).sum());
        assertThat(valueAndSum(committedRowsIn(output.resolve("committed_sums")))).containsExactlyElementsOf(runningSums(SUMMED));
        assertThat(rejects(output.resolve("rejected_rows")))
                .containsExactlyInAnyOrder(
                        new RejectRow("abc", "not an integer"),
                        new RejectRow("4.5", "not an integer"),
                        new RejectRow("1,2", "not an integer"),
                        new RejectRow("\"quoted", "not an integer"),
                        new RejectRow("99999999999999999999", "out of the BIGINT range"),
                        new RejectRow(BIG, "running_sum 9223372036854775017 + " + BIG + " overflows BIGINT"));
    }

    private static List<RejectRow> rejects(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return CommittedFiles.rejectRows(stored(files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()));
        }
    }
}
