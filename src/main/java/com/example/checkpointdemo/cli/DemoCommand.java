package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.runner.Demo;
import com.example.checkpointdemo.runner.Variant;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bin/demo}: runs a checkpoint demo script on an embedded Flink cluster and proves recovery. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        subcommands = {ScenarioCommand.class, CampaignCommand.class, BenchCommand.class},
        description = {
            "Runs a .sql script on an embedded Flink MiniCluster, waits for its job and prints a",
            "recovery report: the injected failure, the restored checkpoint, the running sum the",
            "restarted job resumed from, and whether the committed output is exact.",
            "Exit status: 0 recovery proven, 1 the run did not prove it, 2 bad arguments or script,",
            "3 an unexpected error."
        })
public final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--variant",
            paramLabel = "V",
            defaultValue = "ptf",
            description = "Where the running sum lives: ptf (the script as written), tableagg or datastream (default: ${DEFAULT-VALUE}).")
    Variant variant;

    @Option(names = "--sql", paramLabel = "FILE", description = "The script to run (default: ${DEFAULT-VALUE}).")
    Path sql = Path.of("sql/checkpoint_demo.sql");

    @Option(names = "--fail-on", paramLabel = "N", description = "Replace the script's fail_on => value by N.")
    Integer failOn;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path report;

    @Option(names = "--verbose", description = "Show stack traces of errors.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with variants accepted in lower case as they are written. */
    public static CommandLine commandLine() {
        return new CommandLine(new DemoCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() {
        return Cli.onEmbeddedCluster(
                verbose,
                cluster -> {
                    final RecoveryReport result = Demo.run(cluster, sql, variant, failOn);
                    Cli.show(result.toText(), result, report);
                    return result.ok() ? Cli.OK : Cli.NOT_SHOWN;
                });
    }
}
