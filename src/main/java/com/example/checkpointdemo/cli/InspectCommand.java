package com.example.checkpointdemo.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bin/demo inspect PATH}: what a checkpoint or savepoint holds, read with Flink's savepoint connector. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        versionProvider = Versions.class,
        optionListHeading = "%nOptions:%n",
        description = "Reads a retained checkpoint or a savepoint of the demo and prints the running sum of each key.")
final class InspectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", description = "The checkpoint's folder (…/chk-N) or the savepoint's.")
    Path path;

    @Override
    public Integer call() {
        return Cli.badArgument("not implemented yet");
    }
}
