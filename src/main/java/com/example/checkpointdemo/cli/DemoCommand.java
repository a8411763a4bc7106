package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.cluster.StoreForRun;
import com.example.checkpointdemo.kafka.DemoTopics;
import com.example.checkpointdemo.kafka.KafkaForRun;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.runner.SqlScript;
import com.example.checkpointdemo.runner.Variant;
import com.example.checkpointdemo.timeline.TimelineSvg;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;

/** {@code bin/demo}: runs a checkpoint demo script on an embedded Flink cluster and proves recovery. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = Versions.class,
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n",
        subcommands = {ScenarioCommand.class, CheckCommand.class, CampaignCommand.class, BenchCommand.class, CompareCommand.class, LabCommand.class, InspectCommand.class,
                VerifyCommand.class},
        description = {
            "Runs a .sql script on an embedded Flink MiniCluster, waits for its job and prints a recovery"
                    + " report: the injected failure, the restored checkpoint and the running sums it holds,"
                    + " the sum the restarted job resumed from, and whether the committed output is exact."
                    + " It also draws the run as a timeline (an HTML page).",
            "",
            "Exit status: 0 recovery proven, 1 the run did not prove it, 2 bad arguments or script,"
                    + " 3 an unexpected error."
        })
public final class DemoCommand implements Callable<Integer> {

    /** The Chinese usage help of every command: text/help_zh.properties, keys as picocli looks them up. */
    static final String HELP = "text.help";

    /** Where the timeline goes unless --html says otherwise. */
    static final Path TIMELINE = Path.of("target/report/recovery.html");

    @Option(
            names = "--variant",
            paramLabel = "V",
            defaultValue = "ptf",
            description = "Where the running sum lives: ptf (the script as written), tableagg or datastream"
                    + " (default: ${DEFAULT-VALUE}).")
    Variant variant;

    @Option(names = "--sql", paramLabel = "FILE",
            description = {"The script to run.", "Default: sql/checkpoint_demo.sql (with --kafka: sql/kafka/checkpoint_demo.sql)"})
    Path sql;

    @Option(
            names = "--kafka",
            description = "Kafka on both ends: runs sql/kafka/checkpoint_demo.sql (unless --sql says otherwise) with a"
                    + " Kafka broker of its own, started for the run from Maven's jars and stopped after it, its"
                    + " input topic filled from data/checkpoint_numbers.csv; reports the source's offsets and"
                    + " the output topic read with read_committed and read_uncommitted.")
    boolean kafka;

    @Option(
            names = "--s3",
            description = "Checkpoints, savepoints and the file tables in an S3-compatible object store: S3Proxy,"
                    + " started for the run from Maven's jars (its objects stay in target/s3-run/RUN/s3/demo), with"
                    + " Flink's S3 file system as a plugin. The input is uploaded to s3://demo/, the report reads"
                    + " the restored checkpoint and the committed output back from the store.")
    boolean s3;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "With --kafka: use the running broker at HOST:PORT (bin/kafka start) instead of one of its own.")
    String bootstrapServers;

    @Option(names = "--fail-on", paramLabel = "N", description = "Replace the script's fail_on => value by N.")
    Integer failOn;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path report;

    @Option(names = "--html", paramLabel = "FILE", description = {"Where to draw the run's timeline.", "Default: ${DEFAULT-VALUE}"})
    Path html = TIMELINE;

    @Option(
            names = "--web-ui",
            description = "Keep the embedded cluster and Flink's Web UI up after the report, until Ctrl-C,"
                    + " and print the address of the job's Checkpoints page.")
    boolean webUi;

    @Option(names = "--verbose", description = "Show stack traces of errors.")
    boolean verbose;

    /** Sets the console's language for this command and its subcommands, before any of them prints. */
    @Option(names = "--lang", paramLabel = "LANG", scope = CommandLine.ScopeType.INHERIT,
            description = "The language of the report and the run's messages: en or zh (default: zh where LANG names a"
                    + " Chinese locale, else en). Outcome names stay as they are.")
    void language(Text.Language language) {
        System.setProperty("demo.lang", language.name().toLowerCase(java.util.Locale.ROOT));
    }

    public static void main(String[] args) {
        // The help's language is chosen where the command line is built, before picocli parses
        // --lang: so that "bin/demo --lang zh --help" is Chinese, --lang is looked for first.
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--lang=")) {
                System.setProperty("demo.lang", args[i].substring("--lang=".length()));
            } else if (args[i].equals("--lang") && i + 1 < args.length) {
                System.setProperty("demo.lang", args[i + 1]);
            }
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, with variants accepted in lower case as they are written, and its usage help
     * in the reader's language: the annotations' English, or picocli's resource bundle {@link #HELP}.
     */
    public static CommandLine commandLine() {
        final CommandLine commandLine = new CommandLine(new DemoCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        if (Text.language() == Text.Language.ZH) {
            // Set once the subcommands are there: picocli hands the bundle to those it has then.
            commandLine.setResourceBundle(ResourceBundle.getBundle(HELP, Locale.CHINESE));
        }
        return commandLine;
    }

    @Override
    public Integer call() {
        if (sql == null) {
            sql = kafka ? DemoTopics.SCRIPT : Path.of("sql/checkpoint_demo.sql");
        }
        if (bootstrapServers != null && !kafka) {
            return Cli.badArgument("--bootstrap-servers goes with --kafka");
        }
        try {
            SqlScript.read(sql); // a missing script is named before the cluster starts
        } catch (RuntimeException e) {
            return Cli.badArgument(e.getMessage());
        }
        return Cli.onEmbeddedCluster(
                verbose,
                webUi,
                cluster -> {
                    try (StoreForRun store = s3 ? Cli.objectStore() : null;
                            KafkaForRun broker = kafka ? Cli.kafka(bootstrapServers) : null) {
                        Workspace workspace = Workspace.of(cluster, html);
                        if (store != null) {
                            workspace = workspace.withObjectStore(store.store());
                        }
                        if (broker != null) {
                            workspace = workspace.withKafka(broker);
                        }
                        final Workspace serving = workspace;
                        return Cli.whileServersRun(store, broker, () -> run(serving, cluster));
                    }
                });
    }

    /** Runs the script in {@code workspace}, prints the report, draws the timeline; the exit status. */
    private int run(Workspace workspace, ClusterAddress cluster) throws Exception {
        final RunEvidence run = workspace.run(sql, workspace.runner(variant, failOn));
        final RecoveryReport result = run.report(html.toString());
        TimelineSvg.write(Text.format("Checkpoint recovery: %s (%s)", sql, variant.id()), List.of(run), result, html);
        Cli.show(result.toText(), result, report);
        if (webUi) {
            System.out.println();
            System.out.println("The job in Flink's Web UI: " + cluster.checkpointsPage(result.jobId(), true));
        }
        return result.ok() ? Cli.OK : Cli.NOT_SHOWN;
    }
}
