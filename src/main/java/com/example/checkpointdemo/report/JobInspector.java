package com.example.checkpointdemo.report;

import com.example.checkpointdemo.functions.InjectedFailure;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Reads a job's facts from Flink's REST API, which every cluster has, the embedded MiniCluster
 * included: {@code /jobs/:id}, its vertices, {@code /checkpoints} and {@code /exceptions}.
 */
public final class JobInspector {

    private final RestApi rest;

    /** An inspector for the cluster whose REST endpoint is {@code http://host:port}. */
    public JobInspector(String host, int port) {
        this.rest = new RestApi(host, port);
    }

    /** The job's state, restarts, failures and checkpoints, as the REST API tells them now. */
    public JobFacts inspect(String jobId) {
        final JsonNode job = get("/jobs/" + jobId);
        final JsonNode checkpoints = get("/jobs/" + jobId + "/checkpoints");
        final JsonNode exceptions = get("/jobs/" + jobId + "/exceptions?maxExceptions=100");

        int restarts = 0;
        int parallelism = 0;
        for (JsonNode vertex : job.path("vertices")) {
            parallelism = Math.max(parallelism, vertex.path("parallelism").asInt());
            // Each restart deploys every task again with the next attempt number.
            for (JsonNode subtask : get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText()).path("subtasks")) {
                restarts = Math.max(restarts, subtask.path("attempt").asInt());
            }
        }

        final List<String> injected = new ArrayList<>();
        final List<String> other = new ArrayList<>();
        Long lastInjectedAt = null;
        for (JsonNode entry : exceptions.path("exceptionHistory").path("entries")) {
            final String trace = entry.path("stacktrace").asText();
            final boolean isInjected = trace.contains(InjectedFailure.class.getName());
            (isInjected ? injected : other).add(rootCause(trace, entry.path("exceptionName").asText()));
            if (isInjected) {
                lastInjectedAt = Math.max(lastInjectedAt == null ? 0 : lastInjectedAt, entry.path("timestamp").asLong());
            }
        }
        Long firstCompletedAt = null;
        for (JsonNode checkpoint : checkpoints.path("history")) {
            if ("COMPLETED".equals(checkpoint.path("status").asText())) {
                final long at = checkpoint.path("latest_ack_timestamp").asLong();
                firstCompletedAt = firstCompletedAt == null ? at : Math.min(firstCompletedAt, at);
            }
        }
        // The REST API lists the newest failure first; a story reads oldest first.
        Collections.reverse(injected);
        Collections.reverse(other);

        final JsonNode restored = checkpoints.path("latest").path("restored");
        return new JobFacts(
                jobId,
                job.path("state").asText(),
                job.path("duration").asLong(),
                parallelism,
                restarts,
                injected,
                other,
                checkpoints.path("counts").path("completed").asLong(),
                restored.isObject() ? restored.path("id").asLong() : null,
                restored.isObject() ? restored.path("external_path").asText() : null,
                firstCompletedAt,
                lastInjectedAt);
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
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            final Optional<Checkpoint> latest = latest(jobId, "completed");
            if (latest.isPresent()) {
                return latest.get();
            }
            final String state = get("/jobs/" + jobId).path("state").asText();
            if (!"RUNNING".equals(state) && !"CREATED".equals(state) && !"RESTARTING".equals(state)) {
                throw new IllegalStateException("job " + jobId + " ended " + state + " before a checkpoint completed");
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no checkpoint completed within " + timeout);
    }

    /**
     * The job's latest completed checkpoint ({@code "completed"}) or savepoint ({@code "savepoint"}),
     * if it has one. Read after the job has ended, it is the one Flink retained.
     */
    public Optional<Checkpoint> latest(String jobId, String kind) {
        final JsonNode latest = get("/jobs/" + jobId + "/checkpoints").path("latest").path(kind);
        return latest.isObject()
                ? Optional.of(new Checkpoint(latest.path("id").asLong(), latest.path("external_path").asText()))
                : Optional.empty();
    }

    private JsonNode get(String path) {
        return rest.get(path);
    }
}
