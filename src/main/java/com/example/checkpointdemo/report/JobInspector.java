package com.example.checkpointdemo.report;

import com.example.checkpointdemo.functions.InjectedFailure;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.plumbing.RestApi;

import com.fasterxml.jackson.databind.JsonNode;

import javax.annotation.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a job's facts from Flink's REST API, which every cluster has, the embedded MiniCluster
 * included: {@code /jobs/:id}, its vertices, {@code /checkpoints} and {@code /exceptions}.
 */
public final class JobInspector {

    private final RestApi rest;

    /** An inspector for the cluster at {@code cluster}. */
    public JobInspector(ClusterAddress cluster) {
        this.rest = new RestApi(cluster);
    }

    /** States a job ends in. */
    private static final java.util.Set<String> ENDED = java.util.Set.of("FINISHED", "FAILED", "CANCELED");

    /** How long the REST API may take to tell that a job has ended (it caches a job's facts). */
    private static final Duration CATCHING_UP = Duration.ofSeconds(30);

    /**
     * The state, restarts, failures and checkpoints of a job that has ended. The REST API caches
     * a job's facts for {@code web.refresh-interval}: until it reports the job ended, its failures
     * and checkpoints may be those of a moment before, so this waits for that first.
     */
    public JobFacts inspect(String jobId) {
        final JsonNode job = endedJob(jobId);
        final JsonNode checkpoints = rest.get("/jobs/" + jobId + "/checkpoints");
        int restarts = 0;
        int parallelism = 0;
        for (JsonNode vertex : job.path("vertices")) {
            parallelism = Math.max(parallelism, vertex.path("parallelism").asInt());
            // Each restart deploys every task again with the next attempt number.
            for (JsonNode subtask : rest.get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText()).path("subtasks")) {
                restarts = Math.max(restarts, subtask.path("attempt").asInt());
            }
        }
        final long start = job.path("start-time").asLong();
        final long end = job.path("end-time").asLong();
        return new JobFacts(
                jobId,
                job.path("name").asText(),
                job.path("state").asText(),
                start,
                end > 0 ? end : start + job.path("duration").asLong(),
                parallelism,
                restarts,
                failures(jobId),
                checkpoints.path("counts").path("completed").asLong(),
                history(checkpoints),
                restore(checkpoints.path("latest").path("restored")));
    }

    private JsonNode endedJob(String jobId) {
        final long deadline = System.nanoTime() + CATCHING_UP.toNanos();
        while (true) {
            final JsonNode job = rest.get("/jobs/" + jobId);
            if (ENDED.contains(job.path("state").asText()) || System.nanoTime() > deadline) {
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
        }
    }

    /** The job's exception history, oldest first. */
    List<JobFacts.Failure> failures(String jobId) {
        final List<JobFacts.Failure> failures = new ArrayList<>();
        for (JsonNode entry : rest.get("/jobs/" + jobId + "/exceptions?maxExceptions=100").path("exceptionHistory").path("entries")) {
            final String trace = entry.path("stacktrace").asText();
            failures.add(new JobFacts.Failure(
                    entry.path("timestamp").asLong(),
                    rootCause(trace, entry.path("exceptionName").asText()),
                    trace.contains(InjectedFailure.class.getName())));
        }
        failures.sort(Comparator.comparingLong(JobFacts.Failure::timestamp));
        return failures;
    }

    /** The checkpoint history of a {@code /checkpoints} answer, by id. */
    static List<JobFacts.Checkpoint> history(JsonNode checkpoints) {
        final List<JobFacts.Checkpoint> history = new ArrayList<>();
        for (JsonNode checkpoint : checkpoints.path("history")) {
            final String status = checkpoint.path("status").asText();
            history.add(new JobFacts.Checkpoint(
                    checkpoint.path("id").asLong(),
                    status,
                    checkpoint.path("is_savepoint").asBoolean(),
                    checkpoint.path("trigger_timestamp").asLong(),
                    "COMPLETED".equals(status) ? checkpoint.path("latest_ack_timestamp").asLong() : null,
                    text(checkpoint, "external_path"),
                    text(checkpoint, "failure_message")));
        }
        history.sort(Comparator.comparingLong(JobFacts.Checkpoint::id));
        return history;
    }

    /** The {@code latest.restored} entry, or null. */
    static @Nullable JobFacts.Restore restore(JsonNode restored) {
        return restored.isObject()
                ? new JobFacts.Restore(
                        restored.path("id").asLong(),
                        restored.path("external_path").asText(),
                        restored.path("restore_timestamp").asLong(),
                        restored.path("is_savepoint").asBoolean())
                : null;
    }

    private static @Nullable String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : null;
    }

    /** The line naming the innermost cause of a stack trace, e.g. under "Recovery is suppressed". */
    static String rootCause(String trace, String fallback) {
        String root = trace.lines().findFirst().orElse(fallback);
        for (String line : (Iterable<String>) trace.lines()::iterator) {
            if (line.startsWith("Caused by: ")) {
                root = line.substring("Caused by: ".length());
            }
        }
        return root;
    }

    /** A checkpoint that can be resumed from: {@code execution.state-recovery.path}. */
    public record Checkpoint(long id, String path) {}

    /**
     * Waits until the running job has completed a checkpoint and returns the latest; fails when
     * the job ends first or {@code timeout} passes.
     */
    public Checkpoint awaitCompletedCheckpoint(String jobId, Duration timeout) throws InterruptedException {
        return awaitCompletedCheckpoint(jobId, 0, timeout);
    }

    /**
     * Waits until the running job has completed a checkpoint triggered at or after {@code
     * triggeredAfter} (epoch ms) and returns it; fails when the job ends first or {@code timeout}
     * passes.
     */
    public Checkpoint awaitCompletedCheckpoint(String jobId, long triggeredAfter, Duration timeout)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            final JsonNode checkpoints = rest.get("/jobs/" + jobId + "/checkpoints");
            final Optional<JobFacts.Checkpoint> done =
                    history(checkpoints).stream()
                            .filter(c -> c.completed() && !c.savepoint() && c.triggeredAt() >= triggeredAfter)
                            .reduce((first, second) -> second);
            if (done.isPresent()) {
                return new Checkpoint(done.get().id(), done.get().path());
            }
            final String state = rest.get("/jobs/" + jobId).path("state").asText();
            if (!"RUNNING".equals(state) && !"CREATED".equals(state) && !"RESTARTING".equals(state)
                    && !"INITIALIZING".equals(state)) {
                throw new IllegalStateException("job " + jobId + " ended " + state + " before a checkpoint completed");
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no checkpoint completed within " + timeout);
    }

    /**
     * The job's latest completed checkpoint ({@code "completed"}) or savepoint ({@code "savepoint"}),
     * waiting up to {@code timeout} for the REST API to know one (it refreshes its statistics
     * every {@code web.refresh-interval}). Read after the job has ended, it is the one Flink retained.
     */
    public Checkpoint awaitLatest(String jobId, String kind, Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final Optional<Checkpoint> latest = latest(jobId, kind);
            if (latest.isPresent()) {
                return latest.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " has no " + ("savepoint".equals(kind) ? "savepoint" : "completed checkpoint"));
            }
            Thread.sleep(50);
        }
    }

    /**
     * The job's latest completed checkpoint ({@code "completed"}) or savepoint ({@code "savepoint"}),
     * if the REST API knows one now.
     */
    public Optional<Checkpoint> latest(String jobId, String kind) {
        final JsonNode latest = rest.get("/jobs/" + jobId + "/checkpoints").path("latest").path(kind);
        return latest.isObject()
                ? Optional.of(new Checkpoint(latest.path("id").asLong(), latest.path("external_path").asText()))
                : Optional.empty();
    }
}
