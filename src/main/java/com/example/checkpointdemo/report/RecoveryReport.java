package com.example.checkpointdemo.report;

import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.evidence.JobWatcher;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.runner.ChangedSetting;

import javax.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The proof of one run: what failed, which checkpoint came back holding what, and what was
 * committed; each fact with its source ({@link #SOURCES}), what the runner ran differently from
 * the script, and the {@link Outcome}.
 */
public record RecoveryReport(
        String variant,
        String script,
        String jobId,
        String jobStatus,
        long jobDurationMs,
        List<Long> faultPlan,
        int injectedFailures,
        int restarts,
        long completedCheckpoints,
        @Nullable Long firstCheckpointCompletedAt,
        @Nullable Long firstInjectedFailureAt,
        @Nullable Long lastInjectedFailureAt,
        List<JobFacts.Restore> restores,
        long restoresCounted,
        @Nullable Long restoredCheckpointId,
        @Nullable String restoredCheckpointPath,
        @Nullable Long restoreTimestamp,
        @Nullable Boolean restoredIsSavepoint,
        @Nullable Map<String, Long> restoredState,
        @Nullable String restoredStateReadFrom,
        @Nullable String restoredStateCopy,
        @Nullable String restoredStateNotRead,
        @Nullable Long resumedSum,
        Map<String, Long> resumedSums,
        int resumedAttempt,
        @Nullable Long finalSum,
        Map<String, Long> finalSumByKey,
        long expectedSum,
        int committedRows,
        int committedDuplicates,
        int committedMissing,
        int committedWrong,
        boolean committedExact,
        Map<Integer, Integer> committedRowsByAttempt,
        @Nullable Integer rejectedRows,
        @Nullable Boolean rejectedExact,
        List<String> failures,
        List<String> problems,
        List<ChangedSetting> changes,
        List<ChainJob> jobs,
        List<Resumption> resumptions,
        @Nullable KafkaFacts kafka,
        @Nullable String timeline,
        Map<String, String> sources,
        Outcome outcome,
        boolean ok,
        String verdict) {

    /**
     * One job of a chain of jobs, each resumed from the one before (a single run has one): how it
     * ended, how often it failed and restored, and what it was told to start from.
     */
    public record ChainJob(String jobId, String status, int failures, int restores, @Nullable String startedFrom) {}

    /** Flink's REST API ({@code /jobs/:id}, {@code /checkpoints}, {@code /exceptions}). */
    public static final String REST = "rest";
    /** The restored checkpoint's own files, read with the State Processor API. */
    public static final String CHECKPOINT = "checkpoint";
    /** The files the exactly-once sink committed. */
    public static final String COMMITTED_FILES = "committed-files";
    /** Our function's own columns ({@code running_sum}, {@code attempt}): what it says it did. */
    public static final String FUNCTION_OUTPUT = "function-output";
    /** The runner: what it ran differently from the script. */
    public static final String RUNNER = "runner";
    /** The Kafka broker: topics read back with read_committed and read_uncommitted consumers, a group's offsets. */
    public static final String KAFKA = "kafka";

    /** Where each fact of a run with file sinks comes from, by its JSON name. */
    public static final Map<String, String> SOURCES = sourcesOfFacts(COMMITTED_FILES);

    /** Where each fact of a run with Kafka sinks comes from: its committed rows are what read_committed reads. */
    public static final Map<String, String> KAFKA_SOURCES = sourcesOfFacts(KAFKA);

    private static Map<String, String> sourcesOfFacts(String committed) {
        final Map<String, String> sources = new LinkedHashMap<>();
        Stream.of("job_id", "job_status", "job_duration_ms", "restarts", "injected_failures", "failures",
                        "completed_checkpoints", "first_checkpoint_completed_at", "first_injected_failure_at",
                        "last_injected_failure_at", "restores", "restores_counted", "restored_checkpoint_id", "restored_checkpoint_path",
                        "restore_timestamp", "restored_is_savepoint")
                .forEach(fact -> sources.put(fact, REST));
        sources.put("restored_state", CHECKPOINT);
        Stream.of("resumed_sum", "resumed_sums", "committed_rows_by_attempt").forEach(fact -> sources.put(fact, FUNCTION_OUTPUT));
        Stream.of("final_sum", "final_sum_by_key", "committed_rows", "committed_duplicates", "committed_missing",
                        "committed_wrong", "committed_exact", "rejected_rows", "rejected_exact")
                .forEach(fact -> sources.put(fact, committed));
        sources.put("changes", RUNNER);
        if (committed.equals(KAFKA)) {
            sources.put("kafka.restored_offsets", CHECKPOINT);
            sources.put("kafka", KAFKA);
        }
        return java.util.Collections.unmodifiableMap(sources);
    }

    /** Puts the facts together and judges them; {@code timeline} is where the picture of the run goes. */
    public static RecoveryReport of(
            String variant, String script, Verdict.Facts facts, List<ChangedSetting> changes, @Nullable KafkaFacts kafka,
            @Nullable String timeline) {
        final Verdict verdict = Verdict.judge(facts);
        final Verdict.Job last = facts.last();
        final JobFacts job = last.facts();
        final OutputCheck output = facts.output();
        final RejectCheck rejects = facts.rejects();
        final List<Resumption> resumptions = facts.resumptions();
        // The restore the report shows: the last whose attempt committed a row, else the last one.
        final Resumption shown = resumptions.stream().filter(Resumption::compared).reduce((a, b) -> b)
                .orElse(resumptions.isEmpty() ? null : resumptions.get(resumptions.size() - 1));
        final RestoredState state = shown == null ? null : shown.state();
        final JobFacts.Restore restored = shown != null ? shown.restore() : job.restored();
        // With no restore at all, what the last attempt began with (a restart from scratch: 0).
        final Map<String, Long> resumedSums = shown == null ? output.resumedSums()
                : shown.compared() ? new java.util.TreeMap<>(shown.resumedSums()) : Map.of();
        return new RecoveryReport(
                variant,
                script,
                job.jobId(),
                job.status(),
                job.durationMillis(),
                facts.plan().values(),
                job.injectedFailures().size(),
                job.restarts(),
                job.completedCheckpoints(),
                job.firstCheckpointCompletedAt(),
                job.firstInjectedFailureAt(),
                job.lastInjectedFailureAt(),
                last.restores(),
                job.restoresCounted(),
                restored == null ? null : restored.checkpointId(),
                restored == null ? null : restored.path(),
                restored == null ? null : restored.restoredAt(),
                restored == null ? null : restored.savepoint(),
                state == null ? null : state.sums(),
                state == null || !state.isRead() ? null : state.how(),
                state == null ? null : state.copy(),
                state == null || state.isRead() ? null : state.how(),
                resumedSums.isEmpty() ? null : resumedSums.values().stream().mapToLong(Long::longValue).sum(),
                resumedSums,
                shown == null ? output.resumeAttempt() : shown.compared() ? shown.attempt() : 0,
                output.finalSum(),
                output.finalSumByKey(),
                facts.expectedSum(),
                output.rows(),
                output.duplicates(),
                output.missing(),
                output.duplicates() + output.unexpected() + output.chainBreaks(),
                output.exact(),
                output.rowsByAttempt(),
                rejects == null ? null : rejects.rows(),
                rejects == null ? null : rejects.exact(),
                job.failures().stream().map(JobFacts.Failure::cause).toList(),
                Stream.concat(output.problems().stream(), rejects == null ? Stream.<String>empty() : rejects.problems().stream())
                        .toList(),
                changes,
                facts.jobs().stream().map(each -> new ChainJob(each.facts().jobId(), each.facts().status(),
                        each.facts().failures().size(), each.restores().size(), each.startedFrom())).toList(),
                resumptions,
                kafka,
                timeline,
                kafka == null ? SOURCES : KAFKA_SOURCES,
                verdict.outcome(),
                verdict.ok(),
                verdict.message());
    }

    /**
     * The report as a person reads it on the console: each fact, then where it comes from; in the
     * reader's language ({@link Text}), the outcome names and the sources' names as they are.
     */
    public String toText() {
        final StringBuilder out = new StringBuilder();
        out.append(Text.format("Checkpoint recovery report (%s, %s)", variant, script)).append(System.lineSeparator());
        if (jobs.size() > 1) {
            for (int i = 0; i < jobs.size(); i++) {
                final ChainJob each = jobs.get(i);
                line(out, i == 0 ? Text.of("jobs") : "", i == 0 ? REST : null, "%d. %s", i + 1,
                        Text.format("%s %s, %d failure%s, %d restore%s", each.jobId(), each.status(), each.failures(),
                                plural(each.failures()), each.restores(), plural(each.restores()))
                                + (each.startedFrom() == null ? "" : Text.format(", started from %s", each.startedFrom())));
            }
        }
        line(out, Text.of("job"), REST, "%s", Text.format("%s %s in %.1f s after %d restart%s",
                jobId, jobStatus, jobDurationMs / 1000.0, restarts, plural(restarts)));
        line(out, Text.of("injected failures"), REST, "%d%s", injectedFailures,
                faultPlan.isEmpty() ? Text.of(" (no fail_on configured)")
                        : faultPlan.size() == 1 ? " (fail_on => " + faultPlan.get(0) + ")"
                        : " (fail_plan => '" + faultPlan.stream().map(String::valueOf).collect(Collectors.joining(",")) + "')");
        failures.forEach(failure -> line(out, "", null, "%s", JobWatcher.shortName(failure)));
        line(out, Text.of("checkpoints"), REST, "%s", Text.format("%d completed", completedCheckpoints) + (firstCheckpointCompletedAt == null
                || firstInjectedFailureAt == null ? ""
                : firstCheckpointCompletedAt < firstInjectedFailureAt
                        ? Text.format(injectedFailures > 1 ? ", the first %.1f s before the first failure" : ", the first %.1f s before the failure",
                                (firstInjectedFailureAt - firstCheckpointCompletedAt) / 1000.0)
                        : Text.format(injectedFailures > 1 ? ", the first %.1f s after the first failure" : ", the first %.1f s after the failure",
                                (firstCheckpointCompletedAt - firstInjectedFailureAt) / 1000.0)));
        line(out, Text.of("restored checkpoint"), REST, "%s", restoredCheckpointId == null ? Text.of("none")
                : new JobFacts.Restore(restoredCheckpointId, restoredCheckpointPath, 0, Boolean.TRUE.equals(restoredIsSavepoint)).describe()
                        + "  " + restoredCheckpointPath + (restoresCounted > 1 ? Text.format("  (the job restored %d times)", restoresCounted) : ""));
        if (restoredCheckpointId != null) {
            line(out, Text.of("restored state"), CHECKPOINT, "%s", restoredState == null ? Text.format("NOT READ: %s", restoredStateNotRead)
                    : RestoredState.describe(restoredState) + "  (" + restoredStateReadFrom + ")");
            if (restoredStateCopy != null) {
                line(out, "", null, "%s", restoredCheckpointPath == null || restoredCheckpointPath.startsWith("file:")
                        ? Text.format("kept at %s  (bin/demo inspect opens it)", relative(restoredStateCopy))
                        : Text.format("read through Flink's FileSystem from the store, kept at %s  (bin/demo inspect opens it)",
                                relative(restoredStateCopy)));
            }
        }
        line(out, Text.of("resumed sum"), FUNCTION_OUTPUT, "%s", resumedSum == null ? "-" : resumedSums.size() > 1
                ? resumedSum + "  " + resumedSums + Text.of("  (running_sum - v of each key's first row after the restore)")
                : resumedSum + Text.of("  (running_sum - v of the first row after the restore)"));
        if (resumptions.size() > 1) {
            for (int i = 0; i < resumptions.size(); i++) {
                final Resumption each = resumptions.get(i);
                line(out, i == 0 ? Text.of("each restore") : "", i == 0 ? CHECKPOINT : null, "%s",
                        Text.format("%s holds %s; %s", each.describe(), each.state() == null ? Text.of("(not read)") : each.state().describe(),
                                each.compared() ? Text.format("attempt %d after it resumed with %s", each.attempt(), describeSums(each.resumedSums()))
                                        : Text.of("the attempt after it committed no row")));
            }
        }
        final String committed = kafka == null ? COMMITTED_FILES : KAFKA;
        line(out, Text.of("final sum"), committed, "%s", Text.format("%s (expected %d)", finalSum, expectedSum));
        line(out, Text.of("committed rows"), committed, "%s  [%s]%s",
                Text.format(committedExact ? "%d, %d duplicate%s, exact" : "%d, %d duplicate%s, NOT exact", committedRows, committedDuplicates,
                        plural(committedDuplicates)),
                Text.format("by attempt: %s", committedRowsByAttempt.entrySet().stream()
                        .map(e -> "#" + e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" "))),
                kafka == null ? "" : "  (read_committed)");
        if (rejectedRows != null) {
            line(out, Text.of("rejected rows"), committed, "%d%s", rejectedRows,
                    !rejectedExact ? Text.of(", NOT the input's bad lines") : rejectedRows == 0 ? Text.of(" (no bad input lines)")
                            : Text.of(", each a bad input line, all kept"));
        }
        problems.forEach(problem -> line(out, "", null, "%s", problem));
        if (kafka != null) {
            kafkaLines(out, kafka);
        }
        for (int i = 0; i < changes.size(); i++) {
            line(out, i == 0 ? Text.of("run differently") : "", i == 0 ? RUNNER : null, "%s", changes.get(i).describe());
        }
        if (timeline != null) {
            line(out, Text.of("timeline"), null, "%s", timeline);
        }
        out.append(verdictLine()).append(System.lineSeparator());
        return out.toString();
    }

    /** What Kafka shows: the source's offsets (checkpoint, broker) and the output read both ways. */
    private void kafkaLines(StringBuilder out, KafkaFacts kafka) {
        line(out, Text.of("kafka input"), KAFKA, "%s", Text.format("topic %s: %d records", kafka.inputTopic(), kafka.inputRecords()));
        line(out, Text.of("source offsets"), CHECKPOINT, "%s", kafka.restoredOffsets() != null
                ? kafka.restoredOffsets().entrySet().stream().map(e -> e.getKey() + " → " + e.getValue())
                        .collect(Collectors.joining(", ")) + Text.of("  (the restored checkpoint's next offsets: the job read on from there)")
                : kafka.restoredOffsetsNotRead() != null ? Text.format("not read: %s", kafka.restoredOffsetsNotRead()) : "-");
        if (kafka.group() != null) {
            line(out, "", KAFKA, "%s", Text.format("consumer group %s committed %s", kafka.group(), kafka.groupOffsets().isEmpty()
                    ? Text.of("nothing")
                    : kafka.groupOffsets().entrySet().stream().map(e -> e.getKey() + " → " + e.getValue()).collect(Collectors.joining(", "))));
        }
        line(out, Text.of("kafka output"), KAFKA, "%s", Text.format("topic %s: read_committed %d rows, read_uncommitted %d",
                kafka.outputTopic(), kafka.readCommitted(), kafka.readUncommitted()));
        if (kafka.abortedRows() > 0) {
            line(out, "", null, "%s", Text.format("%d rows only read_uncommitted sees, of transactions the restore aborted: %s",
                    kafka.abortedRows(), String.join(", ", kafka.aborted())));
        }
        if (!kafka.openTransactions().isEmpty()) {
            line(out, "", KAFKA, "%s", Text.format("transactions still open: %s", String.join(", ", kafka.openTransactions())));
        }
        if (kafka.fencedCommitsLogged() > 0) {
            // Seen on brokers with transactions V2: the restore commits again a transaction the broker committed already.
            line(out, "", KAFKA, "%s", Text.format("the Flink log holds %d ERROR%s \"Unable to commit transaction ... fenced ... data loss\":"
                    + " Flink's Kafka sink committing again, after the restore, a transaction the broker had committed"
                    + " already (transactions V%d); the read_committed count above is the evidence%s",
                    kafka.fencedCommitsLogged(), plural(kafka.fencedCommitsLogged()), kafka.transactionVersion(), committedExact ? Text.of(": nothing was lost") : ""));
        }
    }

    /** The English plural's "s" (a Chinese template leaves it out). */
    private static String plural(long count) {
        return count == 1 ? "" : "s";
    }

    private static String describeSums(Map<String, Long> sums) {
        return sums.size() == 1 ? String.valueOf(sums.values().iterator().next()) : sums.toString();
    }

    /** The verdict line as the report ends with it. */
    public String verdictLine() {
        return new Verdict(outcome, verdict).line();
    }

    /** One fact: its label, its value, and in brackets where it comes from, in a column where the value leaves room. */
    private static void line(StringBuilder out, String label, @Nullable String source, String format, Object... args) {
        final String value = String.format(format, args);
        out.append("  ").append(Text.pad(label, 20)).append(' ')
                .append(source == null ? value : Text.pad(value, VALUE_WIDTH) + " [" + source + "]").append(System.lineSeparator());
    }

    /** {@code path} from the working directory, where it is under it. */
    private static String relative(String path) {
        final java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
        final java.nio.file.Path file = java.nio.file.Path.of(path);
        return file.startsWith(here) ? here.relativize(file).toString() : path;
    }

    /** The width of the value column before its source. */
    private static final int VALUE_WIDTH = 72;
}
