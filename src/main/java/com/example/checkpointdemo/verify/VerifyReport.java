package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.runner.ChangedSetting;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code bin/demo verify} found: each run (the references and the faulty ones) with its fault,
 * what Flink did (REST), what each sink committed (read back through Flink), the anomalies against
 * the reference, and the outcome. Each fact says where it comes from ({@link #SOURCES}); the report
 * ends with the command that replays it. Its sentences are in the reader's language ({@link
 * com.example.checkpointdemo.plumbing.Text}), as the run's report's are; the outcome names never change.
 */
public record VerifyReport(
        String script,
        long seed,
        String command,
        List<String> sinks,
        List<String> notCompared,
        List<String> nondeterminism,
        List<String> notes,
        List<String> inputs,
        List<ChangedSetting> changes,
        List<Run> runs,
        @Nullable List<String> schedule,
        int faultyRuns,
        int exercised,
        Map<String, Integer> anomalyCounts,
        Map<String, String> sources,
        VerifyOutcome outcome,
        String verdict) {

    /** Flink's REST API: the job, its checkpoints, failures and restores. */
    public static final String REST = "rest";
    /** The sinks' committed contents, read back through Flink (a bounded batch read of each sink's own definition). */
    public static final String SINK = "sink";
    /** What the verifier itself did: the schedule, the faults, the runs' folders, the comparison. */
    public static final String VERIFY = "verify";
    /** The cluster's own logs: what Flink said while a run went on. */
    public static final String LOG = "log";

    /** Where each fact comes from, by its JSON name. */
    public static final Map<String, String> SOURCES = Map.ofEntries(
            Map.entry("runs.status", REST),
            Map.entry("runs.checkpoints", REST),
            Map.entry("runs.failures", REST),
            Map.entry("runs.restores", REST),
            Map.entry("runs.rows", SINK),
            Map.entry("runs.anomalies", SINK),
            Map.entry("runs.fault", VERIFY),
            Map.entry("runs.fault_done", VERIFY),
            Map.entry("schedule", VERIFY),
            Map.entry("changes", VERIFY),
            Map.entry("runs.found", SINK),
            Map.entry("inputs", VERIFY),
            Map.entry("runs.logged", LOG));

    /** One run, as the report and the timeline show it; times in milliseconds after the job was running. */
    public record Run(
            String label,
            boolean reference,
            @Nullable String fault,
            @Nullable String faultDone,
            @Nullable Long faultAtMs,
            @Nullable Long checkpointTriggeredAtMs,
            String recovery,
            boolean exercised,
            String jobId,
            String status,
            long durationMs,
            List<Tick> checkpoints,
            List<Tick> restores,
            List<Tick> failures,
            Map<String, Integer> rows,
            List<String> anomalies,
            List<String> found,
            List<String> logged,
            long wallMs) {}

    /** A moment of a run's timeline: a checkpoint (id, status), a restore (the checkpoint restored), a failure (its cause). */
    public record Tick(long atMs, @Nullable Long id, String what) {}

    /** The reason nothing could be concluded, as {@link #of} takes it. */
    static String cannotVerify(String why) {
        return why;
    }

    /** The report of {@code references} and {@code faulty} runs; {@code cannotVerify}, when set, is why nothing can be concluded. */
    static VerifyReport of(Verifier.Options options, ScriptAnalysis analysis, List<ChangedSetting> changes, List<String> inputs,
            List<RunResult> references,
            List<RunResult> faulty, @Nullable FaultSchedule schedule, @Nullable String cannotVerify) {
        final List<String> compared = analysis.sinks().stream().filter(analysis::isCompared).toList();
        final List<String> notCompared = analysis.sinks().stream().filter(sink -> !analysis.isCompared(sink))
                .map(sink -> Text.format("%s (%s: not read back)", sink,
                        analysis.tableOptions().getOrDefault(sink, Map.of()).getOrDefault("connector", "?")))
                .toList();
        final List<Run> runs = new ArrayList<>();
        final Map<String, Integer> counts = new LinkedHashMap<>();
        final List<String> found = new ArrayList<>();
        int runsWithAnomalies = 0;
        // A fault-free run's own anomalies (a transaction left open, a broken changelog) are findings too.
        for (RunResult reference : references) {
            note(reference, reference.ownAnomalies(), counts, found);
            runs.add(run(reference, reference.ownAnomalies()));
        }
        final boolean inAReference = !found.isEmpty();
        for (RunResult run : faulty) {
            final List<Anomaly> anomalies = Verifier.compare(references.get(0), run, options);
            note(run, anomalies, counts, found);
            runsWithAnomalies += anomalies.isEmpty() ? 0 : 1;
            runs.add(run(run, anomalies));
        }
        final int exercised = (int) faulty.stream().filter(RunResult::exercised).count();
        final VerifyOutcome outcome;
        final String verdict;
        if (cannotVerify != null) {
            outcome = VerifyOutcome.CANNOT_VERIFY;
            verdict = cannotVerify;
        } else if (!found.isEmpty()) {
            outcome = VerifyOutcome.ANOMALIES_FOUND;
            final String what = String.join(", ", counts.entrySet().stream().map(e -> Anomaly.Kind.valueOf(e.getKey()).countsRows()
                    ? Text.format("%s %d row%s", e.getKey().replace('_', ' '), e.getValue(), e.getValue() == 1 ? "" : "s")
                    : Text.format("%s (%d)", e.getKey().replace('_', ' '), e.getValue())).toList());
            verdict = inAReference
                    ? Text.format("%s, in a fault-free run already (first: %s)", what, found.get(0))
                    : Text.format("%s against the fault-free run, in %d of %d runs (first: %s)", what, runsWithAnomalies, faulty.size(),
                            found.get(0));
        } else if (exercised < faulty.size()) {
            outcome = VerifyOutcome.CANNOT_VERIFY;
            verdict = Text.format("recovery was exercised in %d of %d runs (%s): the output agrees, but a run whose fault was not"
                    + " followed by a restore from a checkpoint proves nothing about recovery", exercised, faulty.size(),
                    String.join("; ", faulty.stream().filter(run -> !run.exercised())
                            .map(run -> Text.format("%s: %s", run.label(), run.recovery())).toList()));
        } else {
            outcome = VerifyOutcome.VERIFIED;
            verdict = Text.format("in %d of %d runs a fault hit the job after a completed checkpoint and Flink restored one (or, for a fault"
                    + " around Flink, rode it out), and every"
                    + " compared sink (%s) committed exactly the fault-free run's rows", exercised, faulty.size(), String.join(", ", compared));
        }
        return new VerifyReport(options.script().toString(), options.seed(), options.command(), compared, notCompared,
                analysis.nondeterminism().stream().map(ScriptAnalysis.Finding::describe).toList(), analysis.notes(), List.copyOf(inputs),
                changes, runs,
                schedule == null ? null : schedule.faults().stream().map(Fault::describe).toList(), faulty.size(), exercised, counts,
                SOURCES, outcome, verdict);
    }

    /** Counts {@code anomalies} of {@code run} by kind, and notes each in a line. */
    private static void note(RunResult run, List<Anomaly> anomalies, Map<String, Integer> counts, List<String> found) {
        anomalies.forEach(anomaly -> counts.merge(anomaly.kind().name(), Math.max(1, anomaly.rows()), Integer::sum));
        anomalies.forEach(anomaly -> found.add(anomaly.first().isEmpty()
                ? Text.format("%s: %s in %s", run.label(), anomaly.kind().name().replace('_', ' '), anomaly.sink())
                : Text.format("%s: %s in %s, e.g. %s", run.label(), anomaly.kind().name().replace('_', ' '), anomaly.sink(),
                        anomaly.first().get(0))));
    }

    private static Run run(RunResult run, List<Anomaly> anomalies) {
        final long zero = run.runningAt();
        final List<Tick> checkpoints = run.checkpoints().stream().filter(c -> !c.savepoint())
                .map(c -> new Tick((c.completedAt() != null ? c.completedAt() : c.triggeredAt()) - zero, c.id(), c.status())).toList();
        final List<Tick> restores = run.restores().stream().map(r -> new Tick(r.restoredAt() - zero, r.checkpointId(), r.describe())).toList();
        final List<Tick> failures = run.failures().stream().map(f -> new Tick(f.timestamp() - zero, null, shortCause(f))).toList();
        final Map<String, Integer> rows = new LinkedHashMap<>();
        run.sinks().forEach((sink, contents) -> rows.put(sink, contents.rows().size()));
        return new Run(run.label(), run.reference(), run.fault() == null ? null : run.fault().describe(), run.faultDone(),
                run.faultAt() == null ? null : run.faultAt() - zero, run.triggeredCheckpoint() == null ? null : run.triggeredCheckpoint() - zero,
                run.recovery(), run.exercised(), run.jobId(), run.status(), run.durationMillis(), checkpoints, restores, failures, rows,
                anomalies.stream().map(Anomaly::describe).toList(), run.found(), run.logged(), run.wallMillis());
    }

    private static String shortCause(JobFacts.Failure failure) {
        final String cause = failure.cause().lines().findFirst().orElse("");
        return cause.replaceFirst("^[\\w.]+\\.(\\w+(Exception|Error):)", "$1");
    }

    /**
     * The report as a person reads it on the console: each fact, then where it comes from; in the
     * reader's language ({@link Text}), the outcome names, the sources' names and the data as they are.
     */
    public String toText() {
        final StringBuilder out = new StringBuilder();
        out.append(Text.format("Verification of %s (seed %d)", script, seed)).append(System.lineSeparator());
        line(out, Text.of("sinks compared"), SINK, sinks.isEmpty() ? Text.of("none") : String.join(", ", sinks)
                + Text.of("  (each read back: files and Kafka topics through Flink, a bounded batch read of their own definition,"
                        + " committed files only, a topic as read_committed or the script's reader of it reads; an upsert topic as its"
                        + " final table by key)"));
        notCompared.forEach(sink -> line(out, Text.of("not compared"), null, sink));
        nondeterminism.forEach(finding -> line(out, Text.of("depends on the run"), VERIFY, finding));
        notes.forEach(note -> line(out, Text.of("note"), VERIFY, note));
        inputs.forEach(input -> line(out, Text.of("input frozen"), VERIFY, input));
        for (int i = 0; i < changes.size(); i++) {
            line(out, i == 0 ? Text.of("run differently") : "", i == 0 ? VERIFY : null, changes.get(i).describe());
        }
        if (schedule != null) {
            line(out, Text.of("schedule"), VERIFY, String.join("; ", schedule));
        }
        for (Run run : runs) {
            final String rows = run.rows().entrySet().stream().map(e -> Text.format("%s %d rows", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "));
            final String shownRows = rows.isEmpty() ? Text.of("no rows read") : rows;
            final long checkpoints = run.checkpoints().stream().filter(c -> "COMPLETED".equals(c.what())).count();
            final double seconds = run.durationMs() / 1000.0;
            if (run.reference()) {
                line(out, run.label(), REST, Text.format("fault-free: job %s in %.1f s, %d checkpoints; %s", run.status(),
                        seconds, checkpoints, shownRows));
                run.anomalies().forEach(anomaly -> line(out, "", SINK, anomaly));
                run.found().forEach(fact -> line(out, "", SINK, fact));
            } else {
                // A run that is not a reference is one with a fault.
                line(out, run.label(), REST, run.faultDone() == null
                        ? Text.format("%s: %s; job %s in %.1f s, %d checkpoints; %s", run.fault(),
                                run.recovery(), run.status(), seconds, checkpoints, shownRows)
                        : Text.format("%s: %s; %s; job %s in %.1f s, %d checkpoints; %s", run.fault(),
                                run.faultDone(), run.recovery(), run.status(), seconds, checkpoints,
                                shownRows));
                run.anomalies().forEach(anomaly -> line(out, "", SINK, anomaly));
                run.found().forEach(fact -> line(out, "", SINK, fact));
                run.logged().forEach(fact -> line(out, "", LOG, fact));
                if (run.anomalies().isEmpty()) {
                    line(out, "", SINK, Text.of("every compared sink committed the fault-free run's rows, no more, no fewer"));
                }
            }
        }
        final long references = runs.stream().filter(Run::reference).mapToLong(Run::wallMs).sum();
        final long faulty = runs.stream().filter(run -> !run.reference()).mapToLong(Run::wallMs).sum();
        line(out, Text.of("time taken"), null, Text.format("%.0f s for the fault-free runs, %.0f s for the faulty ones%s (each: submit,"
                + " run, read back)", references / 1000.0, faulty / 1000.0,
                faultyRuns == 0 ? "" : Text.format(" (%.0f s a run)", faulty / 1000.0 / faultyRuns)));
        line(out, Text.of("replay"), null, command);
        out.append(outcome.label()).append(": ").append(verdict).append(System.lineSeparator());
        return out.toString();
    }

    /** One fact: its label (padded to 20 columns as a terminal shows them), its value, and in brackets where it comes from. */
    private static void line(StringBuilder out, String label, @Nullable String source, String value) {
        out.append("  ").append(Text.pad(label, 20)).append(' ').append(value).append(source == null ? "" : "  [" + source + "]")
                .append(System.lineSeparator());
    }
}
