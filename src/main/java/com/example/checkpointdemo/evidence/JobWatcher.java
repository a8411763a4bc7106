package com.example.checkpointdemo.evidence;

import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.plumbing.RestApi;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.runner.JobObserver;
import com.example.checkpointdemo.runner.RunningJob;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.flink.api.common.JobID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows a running job through the REST API, every 100 ms (as often as our clusters' REST API
 * refreshes what it tells), and tells its failover as it happens: each checkpoint completed or
 * abandoned, each failure, each restart and the checkpoint it restored
 * (REST keeps only the latest restore, so every one is noted as it appears). With {@link
 * CheckpointCopies} to keep them in, it copies each completed checkpoint as it completes (a job that
 * finishes deletes its checkpoints, and the report reads the restored one afterwards), and a
 * restored savepoint or retained checkpoint of an earlier job as it is restored.
 */
public final class JobWatcher implements JobObserver {

    private static final Logger LOG = LoggerFactory.getLogger(JobWatcher.class);
    private static final long POLL_MILLIS = 100;

    /** A state the job entered, and when (Flink's own timestamp). */
    public record Transition(String state, long at) {}

    /**
     * What the watcher tells as it sees it, on its own thread (be quick): the lab's page and the
     * report's early reads of restored checkpoints hear the same events as the console.
     */
    public interface Listener {

        /** A checkpoint completed; {@code copy} is the watcher's copy of it (null without copies). */
        default void checkpointCompleted(JobFacts.Checkpoint checkpoint, @Nullable CheckpointCopies.Copy copy) {}

        /**
         * The job failed. {@code restorable}: a checkpoint had completed before it (or the job had
         * restored one), so the next attempt can start from it; if not, it starts from zero.
         */
        default void failed(JobFacts.Failure failure, boolean restorable) {}

        /** The job restored {@code restore}; {@code copy} is the watcher's copy of it (null without copies). */
        default void restored(JobFacts.Restore restore, @Nullable CheckpointCopies.Copy copy) {}

        /** The job ended and the watcher told all it saw; the copies it made stay until this returns. */
        default void ended() {}
    }

    private final RestApi rest;
    private final JobInspector inspector;
    private final @Nullable CheckpointCopies copies;
    /** Completed checkpoints whose copy failed, to be tried again. */
    private final java.util.Set<String> uncopied = new java.util.LinkedHashSet<>();
    private long lastCopyAgain;
    private final List<JobFacts.Restore> restores = new ArrayList<>();
    private final List<Transition> transitions = new ArrayList<>();
    private final Set<Long> toldCheckpoints = new HashSet<>();
    private final List<JobFacts.Failure> failures = new ArrayList<>();
    private final List<JobFacts.Checkpoint> checkpoints = new ArrayList<>();
    private volatile boolean running;
    private @Nullable Thread thread;
    private @Nullable String jobId;
    private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A watcher of jobs on {@code cluster}, copying completed checkpoints into {@code copies} (null: none). */
    public JobWatcher(ClusterAddress cluster, @Nullable CheckpointCopies copies) {
        this.rest = new RestApi(cluster);
        this.inspector = new JobInspector(cluster);
        this.copies = copies;
    }

    /** Also tells {@code listener} what the watcher sees, as it sees it. */
    public JobWatcher listen(Listener listener) {
        listeners.add(listener);
        return this;
    }

    @Override
    public void jobSubmitted(RunningJob job) {
        final JobID id = job.client().getJobID();
        jobId = id.toString();
        running = true;
        thread = new Thread(this::watch, "job-watcher-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void jobEnded(JobID id) {
        running = false;
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        poll(); // the last word: what happened since the last poll
        tell(Listener::ended);
    }

    /** Every restore seen, oldest first. */
    public synchronized List<JobFacts.Restore> restores() {
        return List.copyOf(restores);
    }

    /** Every failure seen, oldest first (a new leader's exception history starts empty: these stay). */
    public synchronized List<JobFacts.Failure> failures() {
        return List.copyOf(failures);
    }

    /** Every checkpoint seen to complete or fail, by id. */
    public synchronized List<JobFacts.Checkpoint> checkpoints() {
        return List.copyOf(checkpoints);
    }

    /** Every state the job entered, in order. */
    public synchronized List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    private void watch() {
        while (running) {
            poll();
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void poll() {
        if (jobId == null) {
            return;
        }
        try {
            final JsonNode job = rest.get("/jobs/" + jobId);
            final JsonNode timestamps = job.path("timestamps");
            final JsonNode checkpoints = rest.get("/jobs/" + jobId + "/checkpoints");
            final List<JobFacts.Checkpoint> history = JobInspector.history(checkpoints);
            // In the order they happen: the failure, the checkpoint it abandons, the restore.
            if (timestamps.path("FAILING").asLong() > 0 || timestamps.path("RESTARTING").asLong() > 0
                    || timestamps.path("FAILED").asLong() > 0) {
                for (JobFacts.Failure failure : inspector.failures(jobId)) {
                    if (failures.stream().noneMatch(f -> f.timestamp() == failure.timestamp())) {
                        noteFailure(failure, history);
                    }
                }
            }
            timestamps.properties().forEach(entry -> noteTransition(entry.getKey(), entry.getValue().asLong()));
            // REST lists the newest first: two completed between looks are told in the order they completed.
            for (JobFacts.Checkpoint checkpoint : history.stream().sorted(Comparator.comparingLong(JobFacts.Checkpoint::id)).toList()) {
                noteCheckpoint(checkpoint);
            }
            copyAgain();
            final JobFacts.Restore restore = JobInspector.restore(checkpoints.path("latest").path("restored"));
            if (restore != null && restores.stream().noneMatch(r -> r.restoredAt() == restore.restoredAt())) {
                restores.add(restore);
                final long failedAt = failures.stream().mapToLong(JobFacts.Failure::timestamp)
                        .filter(at -> at <= restore.restoredAt()).max().orElse(restore.restoredAt());
                if (failedAt < restore.restoredAt()) {
                    LOG.info("{}", Text.format("restored %s %.1f s after the failure: the next attempt resumes from it (%s)",
                            restore.describe(), (restore.restoredAt() - failedAt) / 1000.0, restore.path()));
                } else {
                    LOG.info("{}", Text.format("restored %s: the job starts from it (%s)", restore.describe(), restore.path()));
                }
                final CheckpointCopies.Copy copy = copies == null ? null : copy(restore.path());
                tell(listener -> listener.restored(restore, copy));
            }
        } catch (IllegalStateException e) {
            LOG.debug("cannot follow job {} right now: {}", jobId, e.getMessage());
        }
    }

    /**
     * A failure, told with whether the next attempt has a checkpoint to start from: one that
     * completed before it, or one the job restored before it (a job resumed from a savepoint).
     */
    private void noteFailure(JobFacts.Failure failure, List<JobFacts.Checkpoint> history) {
        failures.add(failure);
        final boolean restorable = restores.stream().anyMatch(r -> r.restoredAt() < failure.timestamp())
                || java.util.stream.Stream.concat(checkpoints.stream(), history.stream())
                        .anyMatch(c -> c.completed() && c.completedAt() != null && c.completedAt() < failure.timestamp());
        LOG.info("{}", Text.format(failure.injected() ? "failure (injected): %s" : "failure: %s", shortName(failure.cause())));
        if (!restorable) {
            LOG.info("{}", Text.of("no checkpoint had completed: the job starts again from zero"));
        }
        tell(listener -> listener.failed(failure, restorable));
    }

    private void noteTransition(String state, long at) {
        if (at > 0 && transitions.stream().noneMatch(t -> t.state().equals(state) && t.at() == at)) {
            transitions.add(new Transition(state, at));
            transitions.sort(Comparator.comparingLong(Transition::at));
        }
    }

    private void noteCheckpoint(JobFacts.Checkpoint checkpoint) {
        if (checkpoint.savepoint() || "IN_PROGRESS".equals(checkpoint.status()) || !toldCheckpoints.add(checkpoint.id())) {
            return;
        }
        checkpoints.add(checkpoint);
        if (checkpoint.completed()) {
            LOG.info("{}", Text.format("checkpoint %d completed", checkpoint.id()));
            final CheckpointCopies.Copy copy = copies != null && checkpoint.path() != null ? copy(checkpoint.path()) : null;
            tell(listener -> listener.checkpointCompleted(checkpoint, copy));
        } else {
            LOG.info("{}", Text.format("checkpoint %d abandoned: %s", checkpoint.id(), checkpoint.failure()));
        }
    }

    private CheckpointCopies.Copy copy(String path) {
        final CheckpointCopies.Copy copy = copies.copy(path);
        if (copy.failure() != null) {
            // Not a warning yet: the job's last checkpoint is gone as it finishes, and only a
            // restored one matters; the report says why, should that one stay uncopied. Its
            // storage may be down for a while (an object store's outage): try again later.
            LOG.debug("Checkpoint {} was not copied: {}", path, copy.failure());
            uncopied.add(path);
        }
        return copy;
    }

    /** Tries again, once a second, to copy the checkpoints whose copy failed, while the job keeps them. */
    private void copyAgain() {
        if (uncopied.isEmpty() || System.currentTimeMillis() - lastCopyAgain < 1000) {
            return;
        }
        lastCopyAgain = System.currentTimeMillis();
        uncopied.removeIf(path -> copies.copy(path).failure() == null);
    }

    /** Tells every listener; one that fails is logged, and neither stops the others nor the watching. */
    private void tell(java.util.function.Consumer<Listener> event) {
        for (Listener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("A listener of job {} failed: {}", jobId, e.toString());
            }
        }
    }

    /** {@code InjectedFailure: ...} rather than {@code com.example....InjectedFailure: ...}. */
    public static String shortName(String cause) {
        return cause.replaceFirst("^[\\w.]+\\.(\\w+:)", "$1");
    }
}
