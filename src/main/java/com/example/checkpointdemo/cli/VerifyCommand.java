package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.cluster.LocalFlinkCluster;
import com.example.checkpointdemo.cluster.RunHome;
import com.example.checkpointdemo.cluster.StopOnExit;
import com.example.checkpointdemo.kafka.KafkaForRun;
import com.example.checkpointdemo.plumbing.Json;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.runner.ScriptErrors;
import com.example.checkpointdemo.runner.ScriptException;
import com.example.checkpointdemo.verify.Fault;
import com.example.checkpointdemo.verify.ScriptAnalysis;
import com.example.checkpointdemo.verify.Verifier;
import com.example.checkpointdemo.verify.VerifyCluster;
import com.example.checkpointdemo.verify.VerifyOutcome;
import com.example.checkpointdemo.verify.VerifyReport;
import com.example.checkpointdemo.verify.VerifyTimeline;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bin/demo verify SCRIPT.sql}: does any Flink SQL job survive faults with nothing lost or duplicated? */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        versionProvider = Versions.class,
        optionListHeading = "%nOptions:%n",
        description = {
            "Verifies that any Flink SQL script recovers from faults exactly once.",
            "",
            "Yours: no assumption about its columns or functions. It runs the script fault-free on a cluster of real processes (twice:",
            "what two fault-free runs disagree on cannot be verified), then again with a seeded fault each",
            "run: a TaskManager killed, a TaskManager paused past its heartbeat timeout, the leading",
            "JobManager killed, the Kafka broker killed or paused, the object store killed; at a random time,",
            "while a checkpoint is in progress, or right after one completes. Each run's committed output,",
            "read back through Flink (files, Kafka topics with read_committed, upsert topics as their final",
            "table), is compared with the fault-free run's: rows lost, duplicated, unexpected, changed, a",
            "broken changelog, a transaction left open, or a job that never finished.",
            "",
            "Kafka: the script's topics go to a broker of the verification's own (or yours, --bootstrap-servers);",
            "each source is frozen (filled once from --input TABLE=FILE, bounded at its end offsets), each run",
            "writes topics of its own. s3:// checkpoints go to an object store of its own (S3Proxy).",
            "",
            "Refused (exit 2) before any run: a source that never ends, or output that depends on the run",
            "(PROCTIME(), NOW(), RAND(), UUID(), what EXPLAIN PLAN_ADVICE calls non-deterministic),",
            "unless --ignore-column or --allow-nondeterministic.",
            "",
            "Exit status: 0 VERIFIED, 1 ANOMALIES FOUND, 2 CANNOT VERIFY (or bad arguments), 3 an error."
        })
final class VerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCRIPT", description = "The .sql script, as the SQL Client runs it (SET, CREATE, INSERT or EXECUTE STATEMENT SET).")
    Path script;

    @Option(names = "-j", paramLabel = "JAR", description = "A jar of your functions or formats, as the SQL Client's -j (repeatable).")
    List<Path> jars = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Faulty runs, one fault each (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--reference-runs", paramLabel = "N", defaultValue = "2",
            description = "Fault-free runs; from 2 on, they must agree (default: ${DEFAULT-VALUE}).")
    int referenceRuns;

    @Option(names = "--seed", paramLabel = "S", description = "The schedule's seed: the same seed, the same faults at the same moments (default: a new one, printed).")
    Long seed;

    @Option(names = "--faults", paramLabel = "LIST", defaultValue = "tm-kill,tm-stop",
            description = "Which faults, in turn: tm-kill, tm-stop, jm-kill (jm-kill starts the cluster with ZooKeeper and a standby JobManager),"
                    + " broker-kill, broker-stop (a script with Kafka tables, on the verification's own broker), store-restart"
                    + " (a script with s3:// checkpoints). Default: ${DEFAULT-VALUE}.")
    String faults;

    @Option(names = "--input", paramLabel = "TABLE=FILE",
            description = "Fill Kafka source TABLE's topic once from FILE (one record a line), the same input for every run (repeatable).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Your Kafka broker, left running (no broker faults then); default: one of the verification's own.")
    String bootstrapServers;

    @Option(names = "--ignore-column", paramLabel = "COL", description = "A column left out of the comparison (a time of the run, say; repeatable).")
    List<String> ignoredColumns = new ArrayList<>();

    @Option(names = "--pace", paramLabel = "MS",
            description = "Read each source one row per MS ms (a view over it, reported): a short bounded job runs long enough for faults.")
    Integer pace;

    @Option(names = "--allow-nondeterministic", description = "Run a script whose output depends on the run all the same: two fault-free runs still have to agree.")
    boolean allowNondeterministic;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300", description = "How long a run may take before it counts as stuck (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path report;

    @Option(names = "--html", paramLabel = "FILE", defaultValue = "target/verify/verify.html",
            description = {"Where to draw each run's timeline: faults, checkpoints, restores.", "Default: ${DEFAULT-VALUE}"})
    Path html;

    @Option(names = "--verbose", description = "Show stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() {
        final List<Fault.Kind> kinds;
        try {
            kinds = Fault.Kind.parse(faults);
        } catch (IllegalArgumentException e) {
            return Cli.badArgument("--faults: " + e.getMessage());
        }
        if (!Files.isRegularFile(script)) {
            return Cli.badArgument(Text.format("%s: no such script", script));
        }
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                return Cli.badArgument(Text.format("-j %s: no such jar", jar));
            }
        }
        if (runs < 1 || referenceRuns < 1 || kinds.isEmpty()) {
            return Cli.badArgument(Text.of("--runs and --reference-runs take 1 or more, --faults at least one fault"));
        }
        final Map<String, Path> kafkaInputs = new LinkedHashMap<>();
        for (String input : inputs) {
            final int equals = input.indexOf('=');
            if (equals <= 0 || equals == input.length() - 1) {
                return Cli.badArgument(Text.format("--input %s: expected TABLE=FILE", input));
            }
            final Path file = Path.of(input.substring(equals + 1));
            if (!Files.isRegularFile(file)) {
                return Cli.badArgument(Text.format("--input %s: no such file", input));
            }
            kafkaInputs.put(input.substring(0, equals), file);
        }
        final long seedUsed = seed != null ? seed : new java.util.Random().nextLong() & Long.MAX_VALUE;
        final Verifier.Options options = new Verifier.Options(script, List.copyOf(jars), runs, referenceRuns, seedUsed, kinds,
                List.copyOf(ignoredColumns), pace, allowNondeterministic, Duration.ofSeconds(timeoutSeconds),
                java.util.Collections.unmodifiableMap(kafkaInputs), bootstrapServers);
        final ScriptAnalysis analysis;
        try {
            analysis = ScriptAnalysis.of(script, jars);
        } catch (ScriptException e) {
            return Cli.badArgument(e.getMessage());
        } catch (RuntimeException e) {
            return Cli.badArgument(script + ": " + ScriptErrors.rootMessage(e).lines().findFirst().orElse(""));
        }
        for (String column : ignoredColumns) {
            // An upsert topic is compared by its records' key and value as they are: no column of it can be left out.
            if (analysis.sinks().stream().filter(analysis::isCompared).filter(sink -> !analysis.isUpsertKafka(sink))
                    .noneMatch(sink -> analysis.columnsOf(sink).contains(column))) {
                return Cli.badArgument(Text.format("--ignore-column %s: no compared sink has that column", column));
            }
        }
        for (String table : kafkaInputs.keySet()) {
            if (!analysis.sources().contains(table) || !analysis.isKafkaTable(table)) {
                return Cli.badArgument(Text.format("--input %s: the script has no Kafka source of that name", table));
            }
            if (analysis.isUpsertKafka(table)) {
                return Cli.badArgument(Text.format("--input %s: an upsert-kafka source reads keyed records, and a file's lines have no key;"
                        + " fill its topic yourself and verify on your broker (--bootstrap-servers)", table));
            }
        }
        final boolean kafka = analysis.tableOptions().keySet().stream().anyMatch(analysis::isKafkaTable);
        if (kinds.stream().anyMatch(kind -> kind == Fault.Kind.BROKER_KILL || kind == Fault.Kind.BROKER_STOP)
                && (!kafka || bootstrapServers != null)) {
            return Cli.badArgument(Text.of("--faults broker-kill and broker-stop need a script with Kafka tables, on the verification's own"
                    + " broker (not --bootstrap-servers: a broker of yours is never killed)"));
        }
        if (kinds.contains(Fault.Kind.STORE_RESTART) && !analysis.checkpointsOnS3()) {
            return Cli.badArgument(Text.of("--faults store-restart needs a script whose checkpoints go to s3:// (execution.checkpointing.dir)"));
        }
        final String refused = refusal(analysis);
        if (refused != null) {
            System.out.println(VerifyOutcome.CANNOT_VERIFY.label() + ": " + refused);
            return VerifyOutcome.CANNOT_VERIFY.exitCode();
        }
        try {
            return verify(options, analysis, kinds.contains(Fault.Kind.JM_KILL), kafka);
        } catch (ScriptException e) {
            System.err.println("error: " + e.getMessage());
            return Cli.BAD_INPUT;
        } catch (Exception e) {
            System.err.println("error: " + ScriptErrors.rootMessage(e));
            if (verbose) {
                e.printStackTrace();
            }
            return Cli.UNEXPECTED;
        }
    }

    /** Why the script cannot be verified before any run, in the reader's language; or null. */
    private String refusal(ScriptAnalysis analysis) {
        if (!analysis.unfreezable().isEmpty()) {
            return Text.format("a Kafka source cannot be frozen, so the runs would not read the same input: %s",
                    String.join("; ", analysis.unfreezable()));
        }
        if (!analysis.unbounded().isEmpty()) {
            return Text.format("a source never ends, so no run ends to be compared: %s",
                    String.join("; ", analysis.unbounded()));
        }
        if (!analysis.nondeterminism().isEmpty() && !allowNondeterministic && ignoredColumns.isEmpty()) {
            return Text.format("its output depends on the run, so no fault-free run can be its reference: %s."
                    + " Leave the columns it reaches out of the comparison with --ignore-column COL, or run it anyway with"
                    + " --allow-nondeterministic (two fault-free runs must still agree)",
                    String.join("; ", analysis.nondeterminism().stream().map(finding -> finding.describe()).toList()));
        }
        if (analysis.sinks().stream().noneMatch(analysis::isCompared)) {
            return Text.format("none of its sinks (%s) can be read back: verify compares filesystem sinks and Kafka topics",
                    String.join(", ", analysis.sinks()));
        }
        return null;
    }



    /** Starts a cluster of the verification's own, verifies on it, prints and writes the report; the exit status. */
    private int verify(Verifier.Options options, ScriptAnalysis analysis, boolean highAvailability, boolean kafka) throws Exception {
        // The faults make Flink warn on purpose, and the watcher tells every checkpoint: the log file has
        // them, the console the verification's own progress.
        Cli.logToFileOnly();
        final long started = System.nanoTime();
        final Path home = RunHome.claim(Path.of("target/verify-run"));
        System.out.println(Text.format("Verifying %s: %d fault-free run%s, %d faulty (seed %d), on a cluster of its own (%s, %d TaskManagers)",
                options.script(),
                options.referenceRuns(), options.referenceRuns() == 1 ? "" : "s", options.runs(), options.seed(),
                highAvailability ? Text.of("ZooKeeper, 2 JobManagers") : Text.of("1 JobManager"),
                VerifyCluster.taskManagersFor(analysis.parallelism())));
        final LocalFlinkCluster processes = LocalFlinkCluster.of(home.resolve("cluster"));
        try (StopOnExit stop = StopOnExit.register(processes::stop, "stop-verify-cluster");
                KafkaForRun broker = kafka ? KafkaForRun.start(bootstrapServers, home.resolve("kafka")) : null;
                VerifyCluster flink = VerifyCluster.start(home.resolve("cluster"), highAvailability,
                        VerifyCluster.taskManagersFor(analysis.parallelism()), analysis.checkpointsOnS3())) {
            final VerifyCluster cluster = broker == null ? flink : flink.withKafka(broker);
            final long clusterUp = System.nanoTime();
            System.out.println(Text.format("cluster up in %.0f s; its logs in %s", (clusterUp - started) / 1e9,
                    processes.home().resolve("log")));
            if (broker != null) {
                System.out.println(Text.format("Kafka broker at %s (%s)", broker.bootstrapServers(), broker.own().isPresent()
                        ? Text.of("the verification's own") : Text.of("yours, left running")));
            }
            final VerifyReport result = new Verifier(options, analysis, cluster, home, System.out).verify();
            VerifyTimeline.write(result, html);
            System.out.println();
            System.out.println(Text.format("Verified in %.0f s (the cluster's start: %.0f s). Each run on one time axis: %s",
                    (System.nanoTime() - started) / 1e9, (clusterUp - started) / 1e9, html));
            System.out.print(result.toText());
            if (report != null) {
                Json.write(result, report);
            }
            return result.outcome().exitCode();
        }
    }
}
