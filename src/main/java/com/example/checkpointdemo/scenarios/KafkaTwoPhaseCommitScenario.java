package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.report.Workspace;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code kafka-two-phase-commit}: the Kafka sink's transactions watched while the job runs ({@link
 * TransactionWatcher}): each row in the topic at once, in an open transaction only a {@code
 * read_uncommitted} reader sees; committed, for a {@code read_committed} one, once a checkpoint
 * taken after it completed; how long rows wait for that against the checkpoint interval; and the
 * transaction the failure aborted, its rows written again and committed once by the next attempt.
 */
final class KafkaTwoPhaseCommitScenario extends KafkaScenario {

    static final String SINK = "committed_sums";

    /** A checkpoint every 2 s, as the file sink's lesson: each transaction's wait is long enough to see. */
    static final int INTERVAL_SECONDS = 2;

    @Override
    public String name() {
        return "kafka-two-phase-commit";
    }

    @Override
    public Outcome run(Workspace workspace) {
        final TransactionWatcher transactions = new TransactionWatcher(SINK);
        final RunEvidence run = TwoPhaseCommitScenario.failedAfterFirstCheckpoint(workspace, script(), Runs.runner(workspace, script())
                .set("execution.checkpointing.interval", INTERVAL_SECONDS + "s", "a checkpoint every 2 s: each transaction's wait is seen")
                .observe(transactions));
        return new Outcome(judge(run.report(workspace.timeline().toString()), transactions.seen(), run.job().checkpoints(),
                run.job().startTime()), List.of(run));
    }

    /**
     * Shown when the run restored a checkpoint; every row read_committed saw was committed after a
     * checkpoint that completed after its processing (the last ones: after all rows, as the input
     * ended); rows of attempt 0 were seen written but never committed (the transaction the failure
     * aborted), and each of those was committed once, by a later attempt.
     */
    static ScenarioReport judge(RecoveryReport run, List<TransactionWatcher.Seen> seen, List<JobFacts.Checkpoint> checkpoints, long start) {
        final List<TransactionWatcher.Seen> committed = seen.stream().filter(s -> s.committedAt() != null).toList();
        final List<Long> aborted = seen.stream().filter(s -> s.committedAt() == null && s.row().attempt() == 0)
                .map(s -> s.row().v()).sorted().toList();
        final boolean committedAgain = !aborted.isEmpty() && aborted.stream().allMatch(v -> committed.stream()
                .filter(s -> s.row().v() == v).count() == 1 && committed.stream().anyMatch(s -> s.row().v() == v && s.row().attempt() > 0));
        // The rows of each commit: seen committed after the same checkpoint completed (none: as the input ended).
        final Map<Long, List<TransactionWatcher.Seen>> byCheckpoint = committed.stream()
                .sorted(Comparator.comparingLong(TransactionWatcher.Seen::committedAt))
                .collect(Collectors.groupingBy(s -> checkpointBefore(checkpoints, s.committedAt()).map(JobFacts.Checkpoint::id).orElse(-1L),
                        LinkedHashMap::new, Collectors.toList()));
        final long lastProcessed = committed.stream().map(s -> s.row().processedAt()).filter(Objects::nonNull)
                .mapToLong(java.time.Instant::toEpochMilli).max().orElse(Long.MAX_VALUE);
        boolean byCheckpoints = !byCheckpoint.isEmpty();
        final StringBuilder each = new StringBuilder();
        for (List<TransactionWatcher.Seen> commit : byCheckpoint.values()) {
            final long committedAt = commit.get(0).committedAt();
            final JobFacts.Checkpoint after = checkpointBefore(checkpoints, committedAt).orElse(null);
            final List<SumRow> rows = commit.stream().map(TransactionWatcher.Seen::row).toList();
            final boolean afterItsRows = after != null && rows.stream().allMatch(row -> row.processedAt() != null
                    && row.processedAt().toEpochMilli() < after.completedAt());
            final boolean asTheInputEnded = !afterItsRows && committedAt >= lastProcessed;
            byCheckpoints &= afterItsRows || asTheInputEnded;
            final long writtenFrom = commit.stream().mapToLong(TransactionWatcher.Seen::writtenAt).min().orElse(start);
            final String values = TwoPhaseCommitScenario.values(rows.stream().map(SumRow::v).toList());
            each.append(each.length() == 0 ? "" : "; ").append(afterItsRows ? Text.format(
                    "v = %s written from +%.1f s, committed at +%.1f s, after checkpoint %d completed at +%.1f s",
                    values, (writtenFrom - start) / 1000.0, (committedAt - start) / 1000.0, after.id(), (after.completedAt() - start) / 1000.0)
                    : Text.format("v = %s written from +%.1f s, committed at +%.1f s, as the input ended",
                            values, (writtenFrom - start) / 1000.0, (committedAt - start) / 1000.0));
        }
        final List<Long> lags = committed.stream().filter(s -> s.row().processedAt() != null)
                .map(s -> s.committedAt() - s.row().processedAt().toEpochMilli()).toList();
        final boolean shown = byCheckpoints && run.restoredCheckpointId() != null && committedAgain && run.committedExact();
        final String lesson = Text.format(
                "The Kafka sink wrote each row to the topic at once, inside a transaction a read_committed reader does not see"
                        + " until it is committed; it committed each checkpoint's transaction once that checkpoint had completed: %s."
                        + " A row waited %.1f to %.1f s from its processing to its commit, with a checkpoint every %d s. The scenario"
                        + " failed the job after checkpoint %s: rows %s, written by attempt 0 into the transaction then open, were"
                        + " in the topic for a read_uncommitted reader and never committed (the restore aborted it); attempt 1 wrote"
                        + " and committed them once. (Times from the job's start; the topic's moments as this scenario saw them,"
                        + " read twice every 50 ms.)%s",
                each, lags.stream().mapToLong(Long::longValue).min().orElse(0) / 1000.0,
                lags.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0, INTERVAL_SECONDS, run.restoredCheckpointId(),
                TwoPhaseCommitScenario.values(aborted),
                shown ? "" : Text.of(" NOT SHOWN: expected each commit after a checkpoint taken after its rows, a restored"
                        + " checkpoint, and rows of an aborted transaction committed once later."));
        return ScenarioReport.of("kafka-two-phase-commit", shown, lesson, run);
    }

    /** The checkpoint that completed last at or before {@code at}. */
    private static java.util.Optional<JobFacts.Checkpoint> checkpointBefore(List<JobFacts.Checkpoint> checkpoints, long at) {
        return checkpoints.stream().filter(c -> c.completedAt() != null && c.completedAt() <= at)
                .max(Comparator.comparingLong(JobFacts.Checkpoint::completedAt));
    }
}
