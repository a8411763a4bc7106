package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.cluster.LocalFlinkCluster;
import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.evidence.JobWatcher;
import com.example.checkpointdemo.evidence.SinkContents;
import com.example.checkpointdemo.evidence.TableRows;
import com.example.checkpointdemo.kafka.KafkaForRun;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.plumbing.Directories;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.runner.ChangedSetting;
import com.example.checkpointdemo.runner.JobObserver;
import com.example.checkpointdemo.runner.RunningJob;
import com.example.checkpointdemo.runner.ScriptRun;
import com.example.checkpointdemo.runner.ScriptRunner;
import com.example.checkpointdemo.runner.Variant;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.flink.api.common.JobID;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code bin/demo verify}'s runs, on a cluster of real processes: the script as written, fault-free
 * (the reference, twice by default: what two fault-free runs disagree on cannot be verified), then
 * each faulty run with its fault from the {@link FaultSchedule}, every run writing its sinks to a
 * folder of its own, reading the same frozen input. Each run's committed output is read back and
 * {@link SinkComparison compared} with the reference's; the {@link VerifyReport} says what was found.
 */
public final class Verifier {

    /** How long a run may take before it counts as stuck, unless told otherwise. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 300;

    /** What to verify, and how. */
    public record Options(
            Path script,
            List<Path> jars,
            int runs,
            int referenceRuns,
            long seed,
            List<Fault.Kind> faults,
            List<String> ignoredColumns,
            @Nullable Integer paceMillis,
            boolean allowNondeterministic,
            Duration runTimeout,
            Map<String, Path> kafkaInputs,
            @Nullable String bootstrapServers) {

        /** The command that replays these options (the seed included). */
        public String command() {
            final List<String> parts = new ArrayList<>(List.of("bin/demo", "verify", script.toString()));
            jars.forEach(jar -> parts.addAll(List.of("-j", jar.toString())));
            parts.addAll(List.of("--runs", String.valueOf(runs), "--seed", String.valueOf(seed), "--faults",
                    String.join(",", faults.stream().map(Fault.Kind::id).toList())));
            if (referenceRuns != 2) {
                parts.addAll(List.of("--reference-runs", String.valueOf(referenceRuns)));
            }
            ignoredColumns.forEach(column -> parts.addAll(List.of("--ignore-column", column)));
            kafkaInputs.forEach((table, file) -> parts.addAll(List.of("--input", table + "=" + file)));
            if (bootstrapServers != null) {
                parts.addAll(List.of("--bootstrap-servers", bootstrapServers));
            }
            if (paceMillis != null) {
                parts.addAll(List.of("--pace", String.valueOf(paceMillis)));
            }
            if (allowNondeterministic) {
                parts.add("--allow-nondeterministic");
            }
            if (runTimeout.toSeconds() != DEFAULT_TIMEOUT_SECONDS) {
                parts.addAll(List.of("--timeout", String.valueOf(runTimeout.toSeconds())));
            }
            return String.join(" ", parts);
        }
    }

    private final Options options;
    private final ScriptAnalysis analysis;
    private final LocalFlinkCluster cluster;
    private final ClusterAddress address;
    private final Path home;
    private final PrintStream progress;
    private final Nemesis nemesis;
    private final @Nullable KafkaForRun kafka;
    /** What makes this verification's Kafka topics, groups and transactional ids its own on a broker others may share. */
    private final String kafkaId = "verify-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final List<ChangedSetting> changes = new ArrayList<>();
    private final List<String> inputs = new ArrayList<>();

    /**
     * Verifies {@code analysis}'s script with {@code options} on {@code cluster}, keeping frozen
     * input and outputs under {@code home}, telling its progress on {@code progress} as it goes.
     */
    public Verifier(Options options, ScriptAnalysis analysis, VerifyCluster cluster, Path home, PrintStream progress) {
        this.options = options;
        this.analysis = analysis;
        this.cluster = cluster.cluster();
        this.address = cluster.address();
        this.home = home;
        this.progress = progress;
        this.kafka = cluster.kafka();
        this.nemesis = new Nemesis(this.cluster, kafka == null ? null : kafka.own().orElse(null));
    }

    /** Runs the references and the faulty runs, compares, and judges. */
    public VerifyReport verify() throws Exception {
        final Frozen frozen = freezeInput();
        final List<RunResult> references = new ArrayList<>();
        for (int i = 1; i <= options.referenceRuns(); i++) {
            final RunResult reference = run(Text.format("reference %d/%d", i, options.referenceRuns()), null, frozen);
            references.add(reference);
            if (!"FINISHED".equals(reference.status())) {
                return VerifyReport.of(options, analysis, changes, inputs, references, List.of(), null, VerifyReport.cannotVerify(reference.stuck()
                        ? Text.format("the fault-free run did not finish (%s, stuck for %d s): there is no reference to compare with",
                                reference.status(), options.runTimeout().toSeconds())
                        : Text.format("the fault-free run did not finish (%s): there is no reference to compare with",
                                reference.status())));
            }
        }
        final RunResult reference = references.get(0);
        for (RunResult other : references.subList(1, references.size())) {
            final List<Anomaly> differ = compare(reference, other, options);
            if (!differ.isEmpty()) {
                return VerifyReport.of(options, analysis, changes, inputs, references, List.of(), null, VerifyReport.cannotVerify(
                        Text.format("two fault-free runs committed different output, so no run of this script can be its reference:"
                                + " %s (leave such columns out with --ignore-column)",
                                String.join("; ", differ.stream().map(Anomaly::describe).toList()))));
            }
        }
        // Aimed at the reference that ran on for the shortest time after its first checkpoint: a faulty run as quick still meets its fault.
        final ReferenceTimeline quickest = references.stream().map(RunResult::timeline).filter(t -> t.firstCheckpointAfter() >= 0)
                .min(java.util.Comparator.comparingLong(t -> t.durationMillis() - t.firstCheckpointAfter())).orElse(reference.timeline());
        final FaultSchedule schedule = FaultSchedule.plan(options.seed(), options.runs(), options.faults(), quickest);
        if (schedule.notExercisable() != null) {
            return VerifyReport.of(options, analysis, changes, inputs, references, List.of(), schedule,
                    VerifyReport.cannotVerify(Text.format("recovery cannot be exercised: %s", schedule.notExercisable())));
        }
        progress.println(Text.format("schedule (seed %d): %s", options.seed(),
                String.join("; ", schedule.faults().stream().map(fault -> fault.describe()).toList())));
        final List<RunResult> faulty = new ArrayList<>();
        for (int i = 0; i < options.runs(); i++) {
            final RunResult run = run(Text.format("run %d/%d", i + 1, options.runs()), schedule.of(i), frozen);
            faulty.add(run);
        }
        return VerifyReport.of(options, analysis, changes, inputs, references, faulty, schedule, null);
    }

    /** The anomalies of {@code run}'s committed output against {@code reference}'s, sink by sink. */
    static List<Anomaly> compare(RunResult reference, RunResult run, Options options) {
        final List<Anomaly> anomalies = new ArrayList<>();
        if (run.stuck()) {
            anomalies.add(new Anomaly(Anomaly.Kind.STUCK, Text.of("the job"), 0, List.of(Text.format(
                    "it did not end within %d s and was cancelled (%s)", options.runTimeout().toSeconds(), run.status()))));
            return anomalies;
        }
        if (!"FINISHED".equals(run.status())) {
            anomalies.add(new Anomaly(Anomaly.Kind.STUCK, Text.of("the job"), 0, List.of(run.failures().stream().reduce((a, b) -> b)
                    .map(last -> Text.format("it ended %s and never finished: %s", run.status(),
                            last.cause().lines().findFirst().orElse("")))
                    .orElse(Text.format("it ended %s and never finished", run.status())))));
        }
        reference.sinks().forEach((sink, rows) ->
                anomalies.addAll(SinkComparison.compare(sink, rows, run.sinks().get(sink), options.ignoredColumns())));
        anomalies.addAll(run.ownAnomalies());
        return anomalies;
    }

    /** The input every run reads: the copies of the file sources' files by table, and the Kafka sources' frozen topics. */
    private record Frozen(Map<String, String> files, List<FrozenKafkaInput> kafka) {}

    /**
     * Copies each filesystem source's file (or folder) into the verification's own folder, and
     * freezes each Kafka source's topic ({@link FrozenKafkaInput}): every run reads the same input,
     * whatever happens to the originals meanwhile.
     */
    private Frozen freezeInput() throws IOException {
        final Map<String, String> frozen = new LinkedHashMap<>();
        final List<FrozenKafkaInput> topics = new ArrayList<>();
        for (String source : analysis.sources()) {
            if (analysis.isKafkaTable(source)) {
                final Map<String, String> table = analysis.tableOptions().get(source);
                final Path file = options.kafkaInputs().get(source);
                // A file's records go to a topic of the verification's own; without one, the topic is read as it is.
                final String topic = file == null ? table.get("topic") : table.get("topic") + "-" + kafkaId;
                final FrozenKafkaInput input = FrozenKafkaInput.freeze(source, table, topic, kafkaServers(table), file);
                topics.add(input);
                inputs.add(input.describe());
                continue;
            }
            if (!analysis.isFileTable(source)) {
                continue;
            }
            final Path original = Path.of(analysis.tableOptions().get(source).get("path").replaceFirst("^file:(//)?", ""));
            final Path copy = home.resolve("input").resolve(source).resolve(original.getFileName());
            if (Files.isDirectory(original)) {
                Directories.copy(original, copy);
            } else {
                Files.createDirectories(copy.getParent());
                Files.copy(original, copy);
            }
            frozen.put(source, copy.toAbsolutePath().toString());
        }
        return new Frozen(frozen, topics);
    }

    /** The broker a Kafka table of the script is on here: the verification's, else the one the script names. */
    private String kafkaServers(Map<String, String> table) {
        return kafka != null ? kafka.bootstrapServers() : table.getOrDefault("properties.bootstrap.servers", "");
    }

    /** One run of the script, with {@code fault} (null: none); what it showed. */
    private RunResult run(String label, @Nullable Fault fault, Frozen frozen) throws Exception {
        final long started = System.nanoTime();
        final Path output = home.resolve("runs").resolve(label.replaceAll("[^a-z0-9]+", "-"));
        final String shownLabel = label;
        final JobWatcher watcher = new JobWatcher(address, null);
        if (fault != null) {
            // Told as it happens: a faulty run takes seconds, and a silent terminal is no help.
            watcher.listen(new JobWatcher.Listener() {
                @Override
                public void failed(JobFacts.Failure failure, boolean restorable) {
                    progress.println(Text.format("[%s] the job failed: %s", shownLabel, failure.cause().lines().findFirst().orElse("")));
                }

                @Override
                public void restored(JobFacts.Restore restore, com.example.checkpointdemo.evidence.CheckpointCopies.Copy copy) {
                    progress.println(Text.format("[%s] restored %s", shownLabel, restore.describe()));
                }
            });
        }
        final AtomicReference<String> jobId = new AtomicReference<>();
        final FaultAction action = new FaultAction(label, fault, watcher);
        final ScriptRunner runner = new ScriptRunner(address, Variant.PTF, null).jars(options.jars())
                .observe(new JobObserver() {
                    @Override
                    public void jobSubmitted(RunningJob job) {
                        jobId.set(job.id());
                    }

                    @Override
                    public void jobEnded(JobID id) {}
                })
                .observe(watcher)
                .whileRunning(action);
        // The reasons stay English, as the report's data; the report shows them in the reader's language (ChangedSetting).
        frozen.files().forEach((table, path) -> runner.tableOption(table, "path", path, Text.of("the input frozen for every run")));
        frozen.kafka().forEach(input -> input.options(analysis.tableOptions().get(input.table())).forEach((key, value) ->
                runner.tableOption(input.table(), key, value, Text.of("the input frozen for every run"))));
        final String runSuffix = kafkaId + "-" + output.getFileName();
        if (analysis.tableOptions().keySet().stream().anyMatch(analysis::isKafkaTable)) {
            if (kafka != null) {
                runner.kafkaBootstrapServers(kafka.bootstrapServers(), Text.of("the verification's Kafka broker"));
            }
            runner.kafkaSuffix(runSuffix, Text.of("this run's own topics, consumer groups and transactional ids"));
        }
        if (analysis.checkpointsOnS3() && cluster.objectStore().isPresent()) {
            runner.set("execution.checkpointing.dir", com.example.checkpointdemo.cluster.ObjectStore.uri("verify/" + runSuffix + "/checkpoints"),
                    Text.of("the verification's object store"));
        }
        for (String sink : analysis.sinks()) {
            if (analysis.isFileTable(sink)) {
                runner.tableOption(sink, "path", output.resolve(sink).toAbsolutePath().toString(), Text.of("this run's own output"));
            }
        }
        if (options.paceMillis() != null) {
            analysis.sources().forEach(source -> runner.paceTable(source, options.paceMillis(),
                    Text.of("--pace: a short job runs long enough for faults")));
        }
        final CommitterLog committerLog = CommitterLog.from(cluster.home().resolve("log"));
        final ScriptRun script = runner.run(options.script());
        try (script) {
            if (changes.isEmpty()) {
                // Each run's own output folder, named for all of them.
                script.changes().forEach(change -> changes.add(new ChangedSetting(change.setting(),
                        change.value().replace(runSuffix, kafkaId + "-<run>").replace(output.getFileName().toString(), "<run>"),
                        change.scriptValue(), change.why())));
            }
            final JobFacts job = new JobInspector(address).inspect(script.jobId().toString()).alsoSeen(watcher.failures(), watcher.checkpoints());
            final long runningAt = watcher.transitions().stream().filter(t -> t.state().equals("RUNNING")).mapToLong(JobWatcher.Transition::at)
                    .min().orElse(job.startTime());
            final Map<String, TableRows> sinks = new LinkedHashMap<>();
            final List<Anomaly> own = new ArrayList<>();
            final List<String> found = new ArrayList<>();
            // Whole again before the read-back (a broker or store the fault took down serves it) and the next run.
            nemesis.heal();
            for (String sink : analysis.sinks()) {
                if (analysis.isFileTable(sink)) {
                    // A sink the job committed nothing to may have no folder at all: that is an empty table.
                    Files.createDirectories(output.resolve(sink));
                    sinks.put(sink, SinkContents.read(address, analysis.tableDefinitions().get(sink), sink,
                            Map.of("path", output.resolve(sink).toAbsolutePath().toString()), options.jars()));
                    final long hidden = hiddenFiles(output.resolve(sink));
                    if (hidden > 0) {
                        found.add(Text.format("%s: %d hidden in-progress or pending part files left by a failed attempt, not counted as output",
                                sink, hidden));
                    }
                } else if (analysis.isKafkaTable(sink)) {
                    readKafkaSink(sink, runSuffix, sinks, own, found);
                }
            }
            final RunResult result = new RunResult(label, fault, job.jobId(), job.status(), runningAt, job.endTime(), job.checkpoints(),
                    job.failures(), watcher.restores(), action.done == null ? null : action.done.what(),
                    action.done == null ? null : action.done.at(), action.done == null ? null : action.done.until(), action.triggered, action.notFired, sinks, own, found,
                    committerLog.uncommitted(), action.stuck,
                    (System.nanoTime() - started) / 1_000_000);
            progress.println(describe(result));
            return result;
        }
    }

    /** The files under {@code folder} that Flink's readers leave out (names starting with a dot or an underscore): part files not committed. */
    private static long hiddenFiles(Path folder) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(file -> file.getFileName().toString().startsWith(".")
                    || file.getFileName().toString().startsWith("_")).count();
        }
    }

    /**
     * Reads Kafka sink {@code sink} as this run wrote it (its topic with {@code runSuffix}): an upsert
     * sink as its final table, a plain one as the script's reader of its topic reads it (else with
     * {@code read_committed}); then looks for its transactions left open on the broker.
     */
    private void readKafkaSink(String sink, String runSuffix, Map<String, TableRows> sinks, List<Anomaly> own, List<String> found)
            throws Exception {
        final Map<String, String> table = analysis.tableOptions().get(sink);
        final String topic = table.get("topic") + "-" + runSuffix;
        final String servers = kafkaServers(table);
        if (analysis.isUpsertKafka(sink)) {
            final KafkaReadBack.Read read = KafkaReadBack.upsert(sink, topic, servers);
            sinks.put(sink, read.rows());
            own.addAll(read.anomalies());
            found.addAll(read.found());
        } else {
            final String reader = analysis.readerOf(sink).orElse(sink);
            sinks.put(sink, KafkaReadBack.plain(address, reader, analysis.tableDefinitions().get(reader), analysis.tableOptions().get(reader),
                    reader.equals(sink), topic, servers, analysis.columnsOf(reader), options.jars()));
        }
        final String prefix = table.get("sink.transactional-id-prefix");
        final Anomaly open = KafkaReadBack.openTransactions(sink, prefix == null ? null : prefix + "-" + runSuffix, servers);
        if (open != null) {
            own.add(open);
        }
    }

    /** The run in a line, as it ends, in the reader's language: what was done, what Flink did, what the sinks hold. */
    private String describe(RunResult run) {
        final StringBuilder line = new StringBuilder("[" + run.label() + "] ");
        final double seconds = run.durationMillis() / 1000.0;
        final long checkpoints = run.checkpoints().stream().filter(JobFacts.Checkpoint::completed).count();
        if (run.fault() == null) {
            line.append(Text.format("job %s %s in %.1f s, %d checkpoints", run.jobId(), run.status(), seconds, checkpoints));
        } else if (run.faultDone() == null) {
            line.append(Text.format("%s: %s; job %s %s in %.1f s, %d checkpoints", run.fault().describe(),
                    run.recovery(), run.jobId(), run.status(), seconds, checkpoints));
        } else {
            line.append(Text.format("%s: %s; %s; job %s %s in %.1f s, %d checkpoints", run.fault().describe(),
                    run.faultDone(), run.recovery(), run.jobId(), run.status(), seconds, checkpoints));
        }
        run.sinks().forEach((sink, rows) -> line.append(Text.format("; %s: %d rows", sink, rows.rows().size())));
        run.found().forEach(fact -> line.append("; ").append(fact));
        run.logged().forEach(fact -> line.append("; ").append(fact));
        return line.toString();
    }

    /**
     * The fault of a run, done while its job runs: at its time after the job started running, at
     * once or once the checkpoint it triggers is in progress or complete; then the wait for the job's
     * end, which gives up (and cancels the job) after the run's timeout.
     */
    private final class FaultAction implements ScriptRunner.JobAction {

        private final @Nullable Fault fault;
        private final JobWatcher watcher;
        private volatile @Nullable Nemesis.Done done;
        private volatile @Nullable Long triggered;
        private volatile @Nullable String notFired;
        private volatile boolean stuck;

        private final String label;

        FaultAction(String label, @Nullable Fault fault, JobWatcher watcher) {
            this.label = label;
            this.fault = fault;
            this.watcher = watcher;
        }

        @Override
        public void accept(RunningJob job) throws Exception {
            final long deadline = System.currentTimeMillis() + options.runTimeout().toMillis();
            if (fault != null) {
                final long runningAt = awaitRunning(job, deadline);
                final long firstCheckpointAt = runningAt < 0 ? -1 : awaitFirstCheckpoint(job, deadline);
                final long at = firstCheckpointAt + fault.afterMillis();
                while (firstCheckpointAt >= 0 && System.currentTimeMillis() < at && !ended(job)) {
                    Thread.sleep(Math.min(20, Math.max(1, at - System.currentTimeMillis())));
                }
                if (runningAt < 0) {
                    notFired = Text.of("the job was never running");
                } else if (firstCheckpointAt < 0) {
                    notFired = Text.of("the job ended before its first checkpoint");
                } else if (ended(job)) {
                    notFired = Text.format("the job ended before %.1f s after its first checkpoint", fault.afterMillis() / 1000.0);
                } else {
                    try {
                        strike(job, deadline);
                    } catch (RuntimeException missed) {
                        // The job ended (or its tasks went) between the look and the blow: told, not fatal.
                        notFired = Text.format("the fault could not land: %s", missed.getMessage());
                    }
                }
            }
            while (!ended(job)) {
                if (System.currentTimeMillis() > deadline) {
                    stuck = true;
                    try {
                        job.client().cancel().get(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception notCancelled) {
                        // stuck all the same: the report says so
                    }
                    return;
                }
                Thread.sleep(50);
            }
        }

        private void strike(RunningJob job, long deadline) throws Exception {
            // A job restarting (after a failure of its own) runs no task to hit: the fault waits for it to run again.
            while (fault.kind() != Fault.Kind.JM_KILL && cluster.taskManagersRunning(job.id()).isEmpty()) {
                if (System.currentTimeMillis() > deadline || ended(job)) {
                    notFired = Text.of("the job ran no task from the fault's time on");
                    return;
                }
                Thread.sleep(20);
            }
            if (fault.moment() == Fault.Moment.AT_A_RANDOM_TIME) {
                done = nemesis.apply(fault.kind(), job.id());
                tell(done);
                return;
            }
            final JobInspector inspector = new JobInspector(address);
            final String trigger = inspector.triggerCheckpoint(job.id().toString());
            triggered = System.currentTimeMillis();
            if (fault.moment() == Fault.Moment.CHECKPOINT_JUST_COMPLETED) {
                final Optional<JsonNode> result = inspector.awaitTriggered(job.id().toString(), trigger, Duration.ofSeconds(30), () -> ended(job));
                if (result.isEmpty()) {
                    notFired = Text.of("the checkpoint it triggered did not complete within 30 s");
                    return;
                }
                // "Completed" is the trigger's end: it carries a checkpoint id only when the checkpoint did complete.
                if (!result.get().has("checkpointId")) {
                    notFired = Text.format("the checkpoint it triggered failed: %s", JobInspector.failureOf(result.get()));
                    return;
                }
                if (ended(job)) {
                    notFired = Text.of("the job ended as the checkpoint it triggered completed");
                    return;
                }
            }
            done = nemesis.apply(fault.kind(), job.id());
            tell(done);
            // Asked for until answered: an unanswered trigger holds the REST endpoint's shutdown.
            inspector.fetchTriggeredInBackground(job.id().toString(), trigger);
        }

        /** Tells the fault as it is done: {@code [run 1/3] tm-kill 4.2 s after the first checkpoint: killed taskmanager-1 ...}. */
        private void tell(Nemesis.Done done) {
            progress.println(Text.format("[%s] %s: %s", label, fault.describe(),
                    done.what()));
        }

        /** When the job was first running (its own clock); -1 if it ended, or the run's time passed, first. */
        private long awaitRunning(RunningJob job, long deadline) throws Exception {
            return awaitFirst(job, deadline, () -> watcher.transitions().stream().filter(t -> t.state().equals("RUNNING"))
                    .mapToLong(JobWatcher.Transition::at).min());
        }

        /** When the job's first checkpoint completed (epoch ms, Flink's time); -1 if it ended first. */
        private long awaitFirstCheckpoint(RunningJob job, long deadline) throws Exception {
            return awaitFirst(job, deadline, () -> watcher.checkpoints().stream().filter(JobFacts.Checkpoint::completed)
                    .filter(c -> c.completedAt() != null).mapToLong(JobFacts.Checkpoint::completedAt).min());
        }

        /** The first time the watcher has {@code seen}; -1 if the job ended, or the run's time passed, first. */
        private long awaitFirst(RunningJob job, long deadline, java.util.function.Supplier<java.util.OptionalLong> seen) throws Exception {
            while (System.currentTimeMillis() < deadline && !ended(job)) {
                final java.util.OptionalLong at = seen.get();
                if (at.isPresent()) {
                    return at.getAsLong();
                }
                Thread.sleep(20);
            }
            return -1;
        }

        private boolean ended(RunningJob job) {
            try {
                return job.client().getJobStatus().get(10, java.util.concurrent.TimeUnit.SECONDS).isGloballyTerminalState();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            } catch (Exception failingOver) {
                return false; // a JobManager failing over answers nothing for a while
            }
        }
    }
}
