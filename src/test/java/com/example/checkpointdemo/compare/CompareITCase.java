package com.example.checkpointdemo.compare;

import com.example.checkpointdemo.report.Outcome;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.testing.Browser;
import com.example.checkpointdemo.testing.MiniClusters;
import com.example.checkpointdemo.testing.Sandbox;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/demo compare} as one round runs it: each configuration's script (sql/compare/*.sql)
 * once on one MiniCluster, each restore checked as {@code bin/demo} checks one, and Flink's own
 * figures checked where they must differ.
 */
class CompareITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.extension();

    @TempDir static Path dir;

    private static List<ComparisonRow> rows;

    @BeforeAll
    static void runEveryConfigurationOnce() throws IOException {
        final Sandbox sandbox = Sandbox.in(dir);
        Files.createDirectories(sandbox.base().resolve("data/compare"));
        try (Stream<Path> inputs = Files.list(Path.of("data/compare"))) {
            for (Path input : inputs.toList()) {
                Files.copy(input, sandbox.base().resolve("data/compare").resolve(input.getFileName()));
            }
        }
        rows = Comparison.run(sandbox.workspace(MiniClusters.address(MINI_CLUSTER)), Configuration.ALL, 1);
    }

    @Test
    void everyConfigurationRestoresItsCheckpointAndCommitsAnExactOutputAndOnlyAReadStateProvesIt() {
        assertThat(rows).extracting(row -> row.configuration().name())
                .containsExactlyElementsOf(Configuration.ALL.stream().map(Configuration::name).toList());
        for (ComparisonRow row : rows) {
            final RecoveryReport report = row.reports().get(0);
            assertThat(report.restoredCheckpointId()).as(row.configuration().name()).isNotNull();
            assertThat(report.committedExact()).as(row.configuration().name()).isTrue();
            assertThat(report.finalSum()).as(row.configuration().name()).isEqualTo(report.expectedSum());
            if (row.configuration().stateReadable()) {
                assertThat(row.shown()).as(row.configuration().name() + ": " + report.verdictLine()).isTrue();
                assertThat(report.outcome()).as(row.configuration().name() + ": " + report.verdictLine()).isEqualTo(Outcome.PROVEN);
            } else {
                // A restored checkpoint and an exact output without the state read: not proven, and compare exits 1.
                assertThat(row.shown()).as(row.configuration().name()).isFalse();
                assertThat(report.outcome()).isEqualTo(Outcome.STATE_NOT_READ);
                assertThat(report.restoredStateNotRead()).contains("FLINK-37398");
            }
        }
    }

    @Test
    void unalignedBarriersOvertakeTheQueueThatAlignedOnesWaitBehind() {
        final ComparisonRow aligned = Comparison.find(rows, "aligned");
        final ComparisonRow unaligned = Comparison.find(rows, "unaligned");

        assertThat(unaligned.barrierWaitMillis()).isLessThan(aligned.barrierWaitMillis());
        assertThat(Comparison.unalignedWaitedLess(rows)).contains(true);
        assertThat(checkpointsOf(unaligned)).extracting(CheckpointFigures.Checkpoint::type).contains("UNALIGNED_CHECKPOINT");
        assertThat(unaligned.persistedBytes()).isPositive();
        assertThat(checkpointsOf(aligned)).extracting(CheckpointFigures.Checkpoint::type).containsOnly("CHECKPOINT");
        assertThat(aligned.persistedBytes()).isZero();
    }

    @Test
    void incrementalAndChangelogCheckpointsWriteLessThanTheWholeState() {
        assertThat(checkpointsOf(Comparison.find(rows, "rocksdb-full")))
                .allSatisfy(checkpoint -> assertThat(checkpoint.checkpointedSize()).isEqualTo(checkpoint.stateSize()));
        for (String name : List.of("rocksdb-incremental", "changelog")) {
            assertThat(checkpointsOf(Comparison.find(rows, name))).as(name)
                    .anySatisfy(checkpoint -> assertThat(checkpoint.checkpointedSize()).isLessThan(checkpoint.stateSize()));
        }
    }

    @Test
    void theTableTheCsvAndTheChartShowEveryConfiguration() throws Exception {
        final Path out = dir.resolve("compare");
        ComparisonTable.writeCsv(rows, out);
        ComparisonChart.write(rows, out.resolve("chart.html"));

        assertThat(ComparisonTable.markdown(rows).lines()).hasSize(2 + rows.size());
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(1 + rows.size())
                .allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(13));
        final int checkpoints = rows.stream().mapToInt(row -> checkpointsOf(row).size()).sum();
        assertThat(Files.readAllLines(out.resolve("checkpoints.csv"))).hasSize(1 + checkpoints);
        try (Browser browser = Browser.start(dir)) {
            browser.open(out.resolve("chart.html").toUri().toString());
            browser.screenshot(Path.of("target/screenshots/compare-chart.png"));

            assertThat(browser.errors()).isEmpty();
            assertThat(browser.all("[data-legend]")).hasSize(rows.size());
            assertThat(browser.all("[data-kind=size]")).hasSize(checkpoints);
            assertThat(browser.all("[data-kind=duration][data-configuration=unaligned][data-type=UNALIGNED_CHECKPOINT]")).isNotEmpty();
        }
    }

    private static List<CheckpointFigures.Checkpoint> checkpointsOf(ComparisonRow row) {
        return row.figures().get(0).checkpoints();
    }
}
