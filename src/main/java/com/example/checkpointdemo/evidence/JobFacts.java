package com.example.checkpointdemo.evidence;

import javax.annotation.Nullable;

import java.util.List;

/**
 * What the cluster recorded about one job, read from its REST API: how and when it ran, its
 * (highest) parallelism, how often it restarted and why, its checkpoints, and the checkpoint it
 * restored last, with how many restores Flink counted in all. Times are epoch milliseconds, as
 * Flink gives them.
 */
public record JobFacts(
        String jobId,
        String name,
        String status,
        long startTime,
        long endTime,
        int parallelism,
        int restarts,
        List<Failure> failures,
        long completedCheckpoints,
        List<Checkpoint> checkpoints,
        @Nullable Restore restored,
        long restoresCounted) {

    /** A failure in the job's exception history: when, its innermost cause, whether we injected it. */
    public record Failure(long timestamp, String cause, boolean injected) {}

    /**
     * A checkpoint (or savepoint) of the history: {@code status} is Flink's ({@code COMPLETED},
     * {@code FAILED}, {@code IN_PROGRESS}); {@code completedAt} is its last acknowledgement.
     */
    public record Checkpoint(
            long id,
            String status,
            boolean savepoint,
            long triggeredAt,
            @Nullable Long completedAt,
            @Nullable String path,
            @Nullable String failure) {

        public boolean completed() {
            return "COMPLETED".equals(status);
        }
    }

    /**
     * The checkpoint a restart (or a resumed job) started from, as {@code latest.restored} tells.
     * {@code savepoint} is REST's {@code is_savepoint}, true also for a retained checkpoint a job
     * was started from ({@code execution.state-recovery.path}): Flink loads both the same way.
     */
    public record Restore(long checkpointId, String path, long restoredAt, boolean savepoint) {

        /** {@code checkpoint 2} or {@code savepoint 5}, by what the path is: a {@code chk-N} folder is a checkpoint. */
        public String describe() {
            return (path.matches(".*/chk-\\d+/?") ? "checkpoint " : savepoint ? "savepoint " : "checkpoint ") + checkpointId;
        }
    }

    /**
     * These facts with the failures and checkpoints a watcher saw while the job ran added: a new
     * leading JobManager answers with a history of its own, and what the first leader recorded
     * would be lost. Failures are one per timestamp, checkpoints one per id (the cluster's own
     * entry where both have it).
     */
    public JobFacts alsoSeen(List<Failure> seenFailures, List<Checkpoint> seenCheckpoints) {
        return alsoSeen(seenFailures, seenCheckpoints, startTime);
    }

    /**
     * The same, and {@code seenStart} (the first state change a watcher saw; its clock is Flink's)
     * as the start when it is earlier: a new leading JobManager gives the job a start time of its own.
     */
    public JobFacts alsoSeen(List<Failure> seenFailures, List<Checkpoint> seenCheckpoints, long seenStart) {
        final long start = seenStart > 0 ? Math.min(startTime, seenStart) : startTime;
        final java.util.Map<Long, Failure> allFailures = new java.util.TreeMap<>();
        seenFailures.forEach(failure -> allFailures.put(failure.timestamp(), failure));
        failures.forEach(failure -> allFailures.put(failure.timestamp(), failure));
        final java.util.Map<Long, Checkpoint> allCheckpoints = new java.util.TreeMap<>();
        seenCheckpoints.forEach(checkpoint -> allCheckpoints.put(checkpoint.id(), checkpoint));
        checkpoints.forEach(checkpoint -> allCheckpoints.put(checkpoint.id(), checkpoint));
        if (allFailures.size() == failures.size() && allCheckpoints.size() == checkpoints.size() && start == startTime) {
            return this;
        }
        return new JobFacts(jobId, name, status, start, endTime, parallelism, restarts, List.copyOf(allFailures.values()),
                Math.max(completedCheckpoints, allCheckpoints.values().stream().filter(Checkpoint::completed).count()),
                List.copyOf(allCheckpoints.values()), restored, restoresCounted);
    }

    /** How long the job ran. */
    public long durationMillis() {
        return Math.max(0, endTime - startTime);
    }

    /** The injected failures' causes, oldest first. */
    public List<String> injectedFailures() {
        return failures.stream().filter(Failure::injected).map(Failure::cause).toList();
    }

    /** Every other failure's cause, oldest first. */
    public List<String> otherFailures() {
        return failures.stream().filter(f -> !f.injected()).map(Failure::cause).toList();
    }

    /** When the first checkpoint completed; null if none did. */
    public @Nullable Long firstCheckpointCompletedAt() {
        return checkpoints.stream()
                .filter(Checkpoint::completed)
                .map(Checkpoint::completedAt)
                .filter(java.util.Objects::nonNull)
                .min(Long::compare)
                .orElse(null);
    }

    /** When the first injected failure happened; null if none did. */
    public @Nullable Long firstInjectedFailureAt() {
        return failures.stream().filter(Failure::injected).map(Failure::timestamp).min(Long::compare).orElse(null);
    }

    /** When the last injected failure happened; null if none did. */
    public @Nullable Long lastInjectedFailureAt() {
        return failures.stream().filter(Failure::injected).map(Failure::timestamp).max(Long::compare).orElse(null);
    }

    public @Nullable Long restoredCheckpointId() {
        return restored == null ? null : restored.checkpointId();
    }

    public @Nullable String restoredCheckpointPath() {
        return restored == null ? null : restored.path();
    }
}
