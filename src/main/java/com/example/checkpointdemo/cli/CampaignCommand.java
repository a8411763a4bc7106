package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.campaign.Campaign;
import com.example.checkpointdemo.campaign.RunResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code bin/demo campaign}: many runs with random fault plans, each verified. */
@Command(
        name = "campaign",
        mixinStandardHelpOptions = true,
        versionProvider = Versions.class,
        optionListHeading = "%nOptions:%n",
        description = {
            "Runs the demo script N times with random fault plans, each run verified.",
            "",
            "Each run has 1 to 3 injected failures at random values, a checkpoint every 100 ms to 1 s,"
                    + " 20 to 200 ms per row, a random input and a random variant. It must commit an exact"
                    + " output with the right final sum, and restore a checkpoint whenever one had completed"
                    + " before the failure, whose state, read from its files, is what the job resumed from."
                    + " Failing runs are kept for replay.",
            "",
            "Exit status: 0 all passed, 1 a run failed, 2 bad arguments, 3 an error."
        })
final class CampaignCommand implements Callable<Integer> {

    @Option(names = "--runs", paramLabel = "N", required = true, description = "How many runs.")
    int runs;

    @Option(names = "--seed", paramLabel = "S", description = "The seed of the random plans (default: the time); the same seed gives the same runs.")
    Long seed;

    @Option(names = "--keep", paramLabel = "DIR", description = {"Where failing runs are kept.", "Default: target/campaign/seed-S"})
    Path keep;

    @Option(names = "--verbose", description = "Show stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() {
        if (runs < 1) {
            System.err.println("error: --runs must be at least 1, not " + runs);
            return Cli.BAD_INPUT;
        }
        final long campaignSeed = seed != null ? seed : System.currentTimeMillis();
        final Path directory = keep != null ? keep : Path.of("target/campaign/seed-" + campaignSeed);
        System.out.printf("Fault campaign: %d runs, seed %d (replay with --seed %d)%n", runs, campaignSeed, campaignSeed);
        return Cli.onEmbeddedCluster(
                verbose,
                false,
                cluster -> {
                    // Once the cluster runs: its RPC system logs through a logger context of its own,
                    // which only exists from then on.
                    cluster.host();
                    Cli.logToFileOnly();
                    final Path log = Optional.ofNullable(System.getProperty("log.file")).map(Path::of).orElse(null);
                    final List<RunResult> results = new Campaign(cluster, campaignSeed, directory, log, System.out).run(runs);
                    return results.stream().allMatch(RunResult::passed) ? Cli.OK : Cli.NOT_SHOWN;
                });
    }
}
