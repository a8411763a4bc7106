package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.kafka.KafkaForRun;
import com.example.checkpointdemo.cluster.StoreForRun;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.scenarios.Scenario;
import com.example.checkpointdemo.timeline.TimelineSvg;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;

/** {@code bin/demo scenario NAME}: runs one lesson and checks that it showed what it teaches. */
@Command(
        name = "scenario",
        mixinStandardHelpOptions = true,
        versionProvider = Versions.class,
        optionListHeading = "%nOptions:%n",
        description = {
            "Runs one of the lessons as a scenario and reports what it showed.",
            "",
            "  duplicates         printed rows against committed rows across a failover",
            "  no-checkpoint      the original's pacing: no checkpoint before the failure",
            "  state-flag         the original's \"failed once\" flag in state: fails for good",
            "  resume             a cancelled job resumed from its retained checkpoint",
            "  rescale            three keys: a savepoint at parallelism 2, resumed at 3",
            "  ttl-downtime       a state TTL, the job down longer than it: the sum expires",
            "  timers             an event-time timer set before the checkpoint fires once",
            "  event-time         a tumbling event-time window: each window committed once",
            "  source-not-replayable  numbers over a socket: rows after the checkpoint lost",
            "  at-least-once      unaligned by mode: the restored sum counts rows twice",
            "  two-phase-commit   part files in progress, committed as checkpoints complete",
            "  kafka-isolation    read_committed: each row once; uncommitted: aborted too",
            "  kafka-two-phase-commit  each transaction committed as its checkpoint completes",
            "  kafka-timeout      a transaction timeout above the broker's limit",
            "  kafka-downtime     down longer than the transaction timeout: rows lost",
            "  kafka-broker-kill  the broker killed and started again: output exact",
            "  upsert             a GROUP BY into upsert-kafka: repeats, an exact final table",
            "  s3-outage          the checkpoints' object store killed and started again",
            "",
            "Upgrades: the job stopped with a savepoint, a changed script started from it:",
            "  upgrade-renamed-with-uid      the function renamed, uid kept: state kept",
            "  upgrade-renamed               renamed, no uid: refused, or state dropped",
            "  upgrade-state-gains-field     the state type gains a field: restore fails",
            "  upgrade-filter-added          a filter moves the sink: refused, or rows lost",
            "  upgrade-planned-filter-added  the same, compiled plan kept: all kept",
            "",
            "The kafka-* scenarios and upsert start a Kafka broker of their own, s3-outage an object",
            "store (from Maven's jars, stopped after).",
            "",
            "Exit status: 0 the lesson was shown, 1 it was not, 2 bad arguments, 3 an error."
        })
final class ScenarioCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", completionCandidates = Names.class, description = "One of: ${COMPLETION-CANDIDATES}.")
    String name;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path report;

    @Option(names = "--html", paramLabel = "FILE", description = {"Where to draw the timeline.", "Default: target/report/NAME.html"})
    Path html;

    @Option(names = "--verbose", description = "Show stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final Scenario scenario =
                Scenario.named(name)
                        .orElseThrow(() -> new CommandLine.ParameterException(
                                spec.commandLine(), Text.format("unknown scenario '%s'; one of: %s", name, String.join(", ", new Names()))));
        final Path timeline = html != null ? html : Path.of("target/report/" + name + ".html");
        return runWithItsServers(scenario, timeline, verbose, outcome -> {
            TimelineSvg.write(Text.format("Scenario %s: %s", name, scenario.script()), outcome.runs(), outcome.report().recovery(), timeline);
            Cli.show(outcome.report().toText(), outcome.report(), report);
            return outcome.report().lessonShown() ? Cli.OK : Cli.NOT_SHOWN;
        });
    }

    /** What to make of a scenario's outcome: print it, and say the exit status. */
    @FunctionalInterface
    interface Shown {
        int show(Scenario.Outcome outcome) throws Exception;
    }

    /**
     * Runs {@code scenario} on an embedded cluster, with the Kafka broker or object store it needs
     * started for it first and stopped after; {@code shown} tells the outcome.
     */
    static int runWithItsServers(Scenario scenario, Path timeline, boolean verbose, Shown shown) {
        return Cli.onEmbeddedCluster(
                verbose,
                false,
                cluster -> {
                    try (KafkaForRun broker = scenario.needsKafka() ? Cli.kafka(null) : null;
                            StoreForRun store = scenario.needsObjectStore() ? Cli.objectStore() : null) {
                        Workspace workspace = Workspace.of(cluster, timeline);
                        if (broker != null) {
                            workspace = workspace.withKafka(broker);
                        }
                        if (store != null) {
                            workspace = workspace.withObjectStore(store.store());
                        }
                        final Workspace serving = workspace;
                        return Cli.whileServersRun(store, broker, () -> shown.show(scenario.run(serving)));
                    }
                });
    }

    /** The scenario names, for help and completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Scenario.ALL.stream().map(Scenario::name).iterator();
        }
    }
}
