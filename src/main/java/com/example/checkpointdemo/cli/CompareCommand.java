package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.compare.Comparison;
import com.example.checkpointdemo.compare.ComparisonChart;
import com.example.checkpointdemo.compare.ComparisonRow;
import com.example.checkpointdemo.compare.ComparisonTable;
import com.example.checkpointdemo.compare.Configuration;
import com.example.checkpointdemo.report.Workspace;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bin/demo compare}: the lesson's job under each checkpointing configuration, side by side. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = Versions.class,
        optionListHeading = "%nOptions:%n",
        description = {
            "Runs one stateful job under each checkpointing configuration and compares Flink's figures.",
            "",
            "Each configuration (sql/compare/NAME.sql, the SQL Client's -i) runs the same job",
            "(sql/compare/job.sql or job_backpressure.sql) with one injected failure; each recovery is",
            "proven as bin/demo does, and Flink's own figures compared: checkpoint size and duration,",
            "barrier wait and in-flight data under backpressure, restore time.",
            "",
            "Prints a Markdown table, writes DIR/results.csv and DIR/checkpoints.csv, and",
            "draws DIR/chart.html (size and duration of each checkpoint over time).",
            "",
            "Exit status: 0 every recovery PROVEN and unaligned barriers waited less than",
            "aligned ones, 1 not (the changelog's state cannot be read in Flink 2.3: FLINK-37398),",
            "2 bad arguments, 3 an error."
        })
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "One round (default: three, each figure the median).")
    boolean quick;

    @Option(names = "--config", paramLabel = "NAME,...", split = ",",
            description = {"Configurations (default: all):", "${COMPLETION-CANDIDATES}"}, completionCandidates = Names.class)
    List<String> names;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/compare", description = {"Where the CSV and the chart go.", "Default: ${DEFAULT-VALUE}"})
    Path out;

    @Option(names = "--verbose", description = "Show stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final List<Configuration> configurations = names == null ? Configuration.ALL : names.stream()
                .map(name -> Configuration.named(name).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                        "unknown configuration '" + name + "'; one of: " + String.join(", ", new Names()))))
                .toList();
        return Cli.onEmbeddedCluster(verbose, false, cluster -> {
            final Workspace workspace = Workspace.of(cluster, out.resolve("timeline.html")).quiet();
            final List<ComparisonRow> rows = Comparison.run(workspace, configurations, quick ? 1 : 3);
            ComparisonTable.writeCsv(rows, out);
            ComparisonChart.write(rows, out.resolve("chart.html"));
            System.out.println();
            System.out.print(ComparisonTable.markdown(rows));
            System.out.println();
            rows.stream().filter(row -> !row.shown()).forEach(row -> System.out.println(
                    "NOT SHOWN " + row.configuration().name() + ": " + row.firstNotProven().orElseThrow().verdictLine()));
            final java.util.Optional<Boolean> waitedLess = Comparison.unalignedWaitedLess(rows);
            waitedLess.ifPresent(less -> System.out.println("Unaligned barriers " + (less ? "waited less" : "did NOT wait less")
                    + " than aligned ones under the same backpressure (Flink's start delay + alignment)."));
            System.out.println("Wrote " + out.resolve("results.csv") + ", " + out.resolve("checkpoints.csv") + " and "
                    + out.resolve("chart.html"));
            return rows.stream().allMatch(ComparisonRow::shown) && waitedLess.orElse(true) ? Cli.OK : Cli.NOT_SHOWN;
        });
    }

    /** The configuration names, for help and completion. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Configuration.ALL.stream().map(Configuration::name).iterator();
        }
    }
}
