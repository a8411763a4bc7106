package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.evidence.JobFacts;
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
 * ends with the command that replays it.
 */
public record VerifyReport(
        String script,
        long seed,
        String command,
        List<String> sinks,
        List<String> notCompared,
        List<String> nondeterminism,
        List<String> notes,
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

    /** Where each fact comes from, by its JSON name. */
    public static final Map<String, String> SOURCES = Map.of(
            "runs.status", REST, "runs.checkpoints", REST, "runs.failures", REST, "runs.restores", REST,
            "runs.rows", SINK, "runs.anomalies", SINK,
            "runs.fault", VERIFY, "runs.fault_done", VERIFY, "schedule", VERIFY, "changes", VERIFY);

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
            long wallMs) {}

    /** A moment of a run's timeline: a checkpoint (id, status), a restore (the checkpoint restored), a failure (its cause). */
    public record Tick(long atMs, @Nullable Long id, String what) {}

    /** The reason nothing could be concluded, as {@link #of} takes it. */
    static String cannotVerify(String why) {
        return why;
    }

    /** The report of {@code references} and {@code faulty} runs; {@code cannotVerify}, when set, is why nothing can be concluded. */
    static VerifyReport of(Verifier.Options options, ScriptAnalysis analysis, List<ChangedSetting> changes, List<RunResult> references,
            List<RunResult> faulty, @Nullable FaultSchedule schedule, @Nullable String cannotVerify) {
        final List<String> compared = analysis.sinks().stream().filter(analysis::isFileTable).toList();
        final List<String> notCompared = analysis.sinks().stream().filter(sink -> !analysis.isFileTable(sink))
                .map(sink -> sink + " (" + analysis.tableOptions().getOrDefault(sink, Map.of()).getOrDefault("connector", "?") + ": not read back)")
                .toList();
        final List<Run> runs = new ArrayList<>();
        final Map<String, Integer> counts = new LinkedHashMap<>();
        final List<String> found = new ArrayList<>();
        int runsWithAnomalies = 0;
        references.forEach(reference -> runs.add(run(reference, List.of())));
        for (RunResult run : faulty) {
            final List<Anomaly> anomalies = Verifier.compare(references.get(0), run, options);
            anomalies.forEach(anomaly -> counts.merge(anomaly.kind().name(), Math.max(1, anomaly.rows()), Integer::sum));
            anomalies.forEach(anomaly -> found.add(run.label() + ": " + anomaly.kind().name().replace('_', ' ') + " in " + anomaly.sink()
                    + (anomaly.first().isEmpty() ? "" : ", e.g. " + anomaly.first().get(0))));
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
            verdict = String.format("%s against the fault-free run, in %d of %d runs (first: %s)",
                    counts.entrySet().stream().map(e -> e.getKey().replace('_', ' ') + " " + e.getValue() + (e.getValue() == 1 ? " row" : " rows"))
                            .collect(Collectors.joining(", ")), runsWithAnomalies, faulty.size(), found.get(0));
        } else if (exercised < faulty.size()) {
            outcome = VerifyOutcome.CANNOT_VERIFY;
            verdict = String.format("recovery was exercised in %d of %d runs (%s): the output agrees, but a run whose fault was not"
                    + " followed by a restore from a checkpoint proves nothing about recovery", exercised, faulty.size(),
                    faulty.stream().filter(run -> !run.exercised()).map(run -> run.label() + ": " + run.recovery()).collect(Collectors.joining("; ")));
        } else {
            outcome = VerifyOutcome.VERIFIED;
            verdict = String.format("in %d of %d runs a fault hit the job after a completed checkpoint and Flink restored one, and every"
                    + " compared sink (%s) committed exactly the fault-free run's rows", exercised, faulty.size(), String.join(", ", compared));
        }
        return new VerifyReport(options.script().toString(), options.seed(), options.command(), compared, notCompared,
                analysis.nondeterminism().stream().map(ScriptAnalysis.Finding::describe).toList(), analysis.notes(), changes, runs,
                schedule == null ? null : schedule.faults().stream().map(Fault::describe).toList(), faulty.size(), exercised, counts,
                SOURCES, outcome, verdict);
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
                anomalies.stream().map(Anomaly::describe).toList(), run.wallMillis());
    }

    private static String shortCause(JobFacts.Failure failure) {
        final String cause = failure.cause().lines().findFirst().orElse("");
        return cause.replaceFirst("^[\\w.]+\\.(\\w+(Exception|Error):)", "$1");
    }

    /** The report as a person reads it on the console: each fact, then where it comes from. */
    public String toText() {
        final StringBuilder out = new StringBuilder();
        out.append(String.format("Verification of %s (seed %d)%n", script, seed));
        line(out, "sinks compared", SINK, sinks.isEmpty() ? "none" : String.join(", ", sinks)
                + "  (each read back through Flink: a bounded batch read of its own definition, committed files only)");
        notCompared.forEach(sink -> line(out, "not compared", null, sink));
        nondeterminism.forEach(finding -> line(out, "depends on the run", VERIFY, finding));
        notes.forEach(note -> line(out, "note", VERIFY, note));
        for (int i = 0; i < changes.size(); i++) {
            line(out, i == 0 ? "run differently" : "", i == 0 ? VERIFY : null, changes.get(i).describe());
        }
        if (schedule != null) {
            line(out, "schedule", VERIFY, String.join("; ", schedule));
        }
        for (Run run : runs) {
            final String rows = run.rows().entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " rows").collect(Collectors.joining(", "));
            final String facts = String.format("job %s in %.1f s, %d checkpoints; %s", run.status(), run.durationMs() / 1000.0,
                    run.checkpoints().stream().filter(c -> "COMPLETED".equals(c.what())).count(), rows.isEmpty() ? "no rows read" : rows);
            if (run.reference()) {
                line(out, run.label(), REST, "fault-free: " + facts);
            } else {
                line(out, run.label(), REST, (run.fault() == null ? "" : run.fault() + ": ")
                        + (run.faultDone() == null ? "" : run.faultDone() + "; ") + run.recovery() + "; " + facts);
                run.anomalies().forEach(anomaly -> line(out, "", SINK, anomaly));
                if (run.anomalies().isEmpty()) {
                    line(out, "", SINK, "every compared sink committed the fault-free run's rows, no more, no fewer");
                }
            }
        }
        final long references = runs.stream().filter(Run::reference).mapToLong(Run::wallMs).sum();
        final long faulty = runs.stream().filter(run -> !run.reference()).mapToLong(Run::wallMs).sum();
        line(out, "time taken", null, String.format("%.0f s for the fault-free runs, %.0f s for the faulty ones%s (each: submit,"
                + " run, read back)", references / 1000.0, faulty / 1000.0,
                faultyRuns == 0 ? "" : String.format(" (%.0f s a run)", faulty / 1000.0 / faultyRuns)));
        line(out, "replay", null, command);
        out.append(outcome.label()).append(": ").append(verdict).append(System.lineSeparator());
        return out.toString();
    }

    /** One fact: its label, its value, and in brackets where it comes from. */
    private static void line(StringBuilder out, String label, @Nullable String source, String value) {
        out.append(String.format("  %-20s %s%s%n", label, value, source == null ? "" : "  [" + source + "]"));
    }
}
