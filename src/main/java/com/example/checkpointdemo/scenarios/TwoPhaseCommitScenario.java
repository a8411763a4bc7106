package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.CommittedFiles;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.report.Workspace;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code two-phase-commit}: the file sink's part files watched while the job runs
 * ({@link PartFileWatcher}): each in progress, then committed once a checkpoint taken after its
 * rows completed; how long rows wait for their commit against the checkpoint interval; and what
 * the restore throws away and the next attempt commits again.
 */
final class TwoPhaseCommitScenario implements Scenario {

    static final String SINK = "committed_sums";

    /** A committed part file, its rows, and the checkpoint that completed last before it was seen committed. */
    record Commit(String part, @Nullable Long inProgressAt, long committedAt, List<SumRow> rows, @Nullable JobFacts.Checkpoint after) {

        /**
         * Whether the file was in progress first and every row in it was processed before {@link
         * #after} completed (its barrier came after them: a row processed just after the trigger,
         * before the barrier left the source, is in it too).
         */
        boolean byItsCheckpoint() {
            return after != null && after.completedAt() != null && inProgressAt != null && inProgressAt < committedAt
                    && rows.stream().allMatch(row -> row.processedAt() != null && row.processedAt().toEpochMilli() < after.completedAt());
        }

        /**
         * Whether it was committed as the input ended: in progress first, committed after all its
         * rows. (Flink 2.3's streaming file writer commits what it holds at endInput, without a
         * checkpoint: a bounded job's last part.)
         */
        boolean asTheInputEnded() {
            return inProgressAt != null && inProgressAt < committedAt
                    && rows.stream().allMatch(row -> row.processedAt() != null && row.processedAt().toEpochMilli() <= committedAt);
        }
    }

    @Override
    public String name() {
        return "two-phase-commit";
    }

    @Override
    public Path script() {
        return Path.of("sql/scenarios/two_phase_commit.sql");
    }

    @Override
    public Outcome run(Workspace workspace) {
        final Watched watched = watched(workspace, script());
        return new Outcome(watched.judge(workspace.timeline().toString()), List.of(watched.run()));
    }

    /** A run of the script with its sink's part files watched, each commit with its rows and checkpoint. */
    record Watched(RunEvidence run, List<Commit> commits, int leftInProgress, Duration interval) {

        ScenarioReport judge(@Nullable String timeline) {
            return TwoPhaseCommitScenario.judge(run.report(timeline), commits,
                    run.printed() == null ? List.of() : run.printed().rows(), leftInProgress, interval, run.job().startTime());
        }
    }

    /** How long after the first checkpoint completed the scenario fails the job: a few rows, well before the next checkpoint. */
    static final Duration FAIL_AFTER_CHECKPOINT = Duration.ofMillis(700);

    /**
     * Runs {@code script}, watching its file sink's part files, and fails the job {@link
     * #FAIL_AFTER_CHECKPOINT} after its first checkpoint completed: whatever the machine's load,
     * rows wait in progress when the failure comes (a fixed fail_on could land right on a checkpoint).
     */
    static Watched watched(Workspace workspace, Path script) {
        final PartFileWatcher parts = new PartFileWatcher(SINK);
        final RunEvidence run = failedAfterFirstCheckpoint(workspace, script, Runs.runner(workspace, script).observe(parts));
        return new Watched(run, commits(parts.committed(), run.job().checkpoints()), parts.inProgressLeft().size(), parts.interval());
    }

    /**
     * Runs {@code script} with {@code runner}, its planned failure replaced by one the scenario asks
     * for {@link #FAIL_AFTER_CHECKPOINT} after the first checkpoint completed: rows wait for their
     * commit when it comes, whatever the machine's load.
     */
    static RunEvidence failedAfterFirstCheckpoint(Workspace workspace, Path script, com.example.checkpointdemo.runner.ScriptRunner runner) {
        final Path request;
        try {
            request = java.nio.file.Files.createTempDirectory("two-phase-commit-").resolve("fail-now");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        final java.util.concurrent.atomic.AtomicBoolean asked = new java.util.concurrent.atomic.AtomicBoolean();
        final java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            return workspace.run(script, runner
                    .noFailOn("the scenario fails the job itself, 0.7 s after its first checkpoint completed")
                    .failNowOn(request, "the scenario's way to fail the job on its next row"),
                    new com.example.checkpointdemo.evidence.JobWatcher.Listener() {
                        @Override
                        public void checkpointCompleted(JobFacts.Checkpoint checkpoint, com.example.checkpointdemo.evidence.CheckpointCopies.Copy copy) {
                            if (asked.compareAndSet(false, true)) {
                                timer.schedule(() -> com.example.checkpointdemo.functions.FailNow.request(request),
                                        FAIL_AFTER_CHECKPOINT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                            }
                        }
                    });
        } finally {
            timer.shutdownNow();
            com.example.checkpointdemo.plumbing.Directories.delete(request.getParent());
        }
    }

    /** Each committed part with its rows and the checkpoint completed last before it was seen committed. */
    static List<Commit> commits(List<PartFileWatcher.Part> parts, List<JobFacts.Checkpoint> checkpoints) {
        return parts.stream().map(part -> new Commit(part.name(), part.inProgressAt(), part.committedAt(),
                CommittedFiles.sumRows(List.of(part.file())),
                checkpoints.stream().filter(c -> c.completedAt() != null && c.completedAt() <= part.committedAt())
                        .max(Comparator.comparingLong(JobFacts.Checkpoint::completedAt)).orElse(null))).toList();
    }

    /**
     * Shown when at least two part files were committed, each seen in progress first and committed
     * after a checkpoint triggered after all its rows completed, and (after a restore) the rows the
     * first attempt processed beyond the restored checkpoint were committed once, by a later attempt.
     */
    static ScenarioReport judge(RecoveryReport run, List<Commit> commits, List<SumRow> printed, int leftInProgress,
            Duration interval, long start) {
        final List<SumRow> committed = commits.stream().flatMap(c -> c.rows().stream()).toList();
        final List<Long> lags = commits.stream().flatMap(c -> c.rows().stream()
                .filter(row -> row.processedAt() != null).map(row -> c.committedAt() - row.processedAt().toEpochMilli())).toList();
        // Printed by attempt 0, never committed by it: written after the restored checkpoint, thrown away.
        final List<Long> thrownAway = printed.stream().filter(row -> row.attempt() == 0)
                .filter(row -> committed.stream().noneMatch(c -> c.v() == row.v() && c.attempt() == 0))
                .map(SumRow::v).sorted().toList();
        final boolean committedAgain = thrownAway.stream()
                .allMatch(v -> committed.stream().filter(c -> c.v() == v).count() == 1
                        && committed.stream().anyMatch(c -> c.v() == v && c.attempt() > 0));
        // Each part committed by a checkpoint after its rows; the last one as the input ends.
        final boolean byCheckpoints = commits.size() >= 2 && commits.subList(0, commits.size() - 1).stream().allMatch(Commit::byItsCheckpoint)
                && commits.get(commits.size() - 1).asTheInputEnded();
        final Commit lastPart = commits.isEmpty() ? null : commits.get(commits.size() - 1);
        final boolean shown = byCheckpoints
                && run.restoredCheckpointId() != null && !thrownAway.isEmpty() && committedAgain && run.committedExact();
        final String each = commits.stream().map(c -> c != lastPart ? Text.format(
                "part %s (v = %s): in progress from +%.1f s, committed at +%.1f s, after checkpoint %s completed at +%.1f s",
                partNumber(c), values(c.rows().stream().map(SumRow::v).toList()),
                c.inProgressAt() == null ? Double.NaN : (c.inProgressAt() - start) / 1000.0, (c.committedAt() - start) / 1000.0,
                c.after() == null ? "?" : c.after().id(),
                c.after() == null || c.after().completedAt() == null ? Double.NaN : (c.after().completedAt() - start) / 1000.0)
                : Text.format("part %s (v = %s): in progress from +%.1f s, committed at +%.1f s, as the input ended",
                        partNumber(c), values(c.rows().stream().map(SumRow::v).toList()),
                        c.inProgressAt() == null ? Double.NaN : (c.inProgressAt() - start) / 1000.0, (c.committedAt() - start) / 1000.0))
                .collect(Collectors.joining("; "));
        final String lesson = Text.format(
                "The file sink wrote each row into a hidden in-progress part file, and committed the file (renamed it"
                        + " visible) only once a checkpoint taken after its rows had completed: %s. A row waited %.1f to %.1f s"
                        + " from its processing to its commit, with a checkpoint every %.0f s: committed output lags by up to an"
                        + " interval and a checkpoint's own time. The scenario failed the job %.1f s after checkpoint %s completed,"
                        + " and it restored that checkpoint: rows %s,"
                        + " processed by attempt 0 after it, were in an in-progress file the restore abandoned (%d left hidden,"
                        + " never committed), and attempt 1 processed and committed them once. (Times from the job's start;"
                        + " the files' moments as this scenario saw them, to within 50 ms.)%s",
                each, lags.stream().mapToLong(Long::longValue).min().orElse(0) / 1000.0,
                lags.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0, interval.toMillis() / 1000.0,
                FAIL_AFTER_CHECKPOINT.toMillis() / 1000.0, run.restoredCheckpointId(),
                values(thrownAway),
                leftInProgress,
                shown ? "" : Text.of(" NOT SHOWN: expected two or more part files, each committed after a checkpoint taken"
                        + " after its rows, a restored checkpoint, and the rows thrown away by the restore committed once later."));
        return ScenarioReport.of("two-phase-commit", shown, lesson, run);
    }

    /** The part file's number, the last of its name ({@code part-<uuid>-<subtask>-<n>}). */
    private static String partNumber(Commit commit) {
        return commit.part().substring(commit.part().lastIndexOf('-') + 1);
    }

    /** {@code values}, {@code 4..7} when they run on one by one, else listed; {@code -} for none. */
    static String values(List<Long> values) {
        final List<Long> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return "-";
        }
        final boolean run = sorted.get(sorted.size() - 1) - sorted.get(0) == sorted.size() - 1;
        return sorted.size() > 1 && run ? sorted.get(0) + ".." + sorted.get(sorted.size() - 1)
                : sorted.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
