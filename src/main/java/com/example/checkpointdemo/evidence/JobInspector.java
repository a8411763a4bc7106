package com.example.checkpointdemo.evidence;

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
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Reads a job's facts from Flink's REST API, which every cluster has, the embedded MiniCluster
 * included: {@code /jobs/:id}, its vertices, {@code /checkpoints} and {@code /exceptions}. The
 * proof rests on these facts, so a field the answer lacks is an error naming it, never a 0 or "".
 */
public final class JobInspector {

    private final Function<String, JsonNode> rest;
    private final @Nullable ClusterAddress address;

    /** An inspector for the cluster at {@code cluster}. */
    public JobInspector(ClusterAddress cluster) {
        this.rest = new RestApi(cluster)::get;
        this.address = cluster;
    }

    /** An inspector reading the REST API's answers from {@code rest} (a path, e.g. {@code /jobs/ID}, to its JSON). */
    JobInspector(Function<String, JsonNode> rest) {
        this.rest = rest;
        this.address = null;
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
        return facts(jobId, endedJob(jobId));
    }

    /** The facts of job {@code jobId} as they are now, while it runs (not waiting for its end as {@link #inspect} does). */
    public JobFacts inspectNow(String jobId) {
        return facts(jobId, get("/jobs/" + jobId));
    }

    /** The facts of {@code job}, the answer of {@code /jobs/:id}, with the rest of its answers. */
    JobFacts facts(String jobId, JsonNode job) {
        final String at = "/jobs/" + jobId;
        final JsonNode checkpoints = get(at + "/checkpoints");
        int restarts = 0;
        int parallelism = 0;
        for (JsonNode vertex : required(job, "vertices", at)) {
            parallelism = Math.max(parallelism, required(vertex, "parallelism", at).asInt());
            // Each restart deploys every task again with the next attempt number.
            final String vertexAt = at + "/vertices/" + required(vertex, "id", at).asText();
            for (JsonNode subtask : required(get(vertexAt), "subtasks", vertexAt)) {
                restarts = Math.max(restarts, required(subtask, "attempt", vertexAt).asInt());
            }
        }
        final long start = required(job, "start-time", at).asLong();
        final long end = required(job, "end-time", at).asLong();
        return new JobFacts(
                jobId,
                required(job, "name", at).asText(),
                required(job, "state", at).asText(),
                start,
                end > 0 ? end : start + required(job, "duration", at).asLong(),
                parallelism,
                restarts,
                failures(jobId),
                required(required(checkpoints, "counts", at + "/checkpoints"), "completed", at + "/checkpoints").asLong(),
                history(checkpoints),
                restore(checkpoints.path("latest").path("restored")),
                // REST names only the latest restore; this count is every one, even those a poll missed.
                required(required(checkpoints, "counts", at + "/checkpoints"), "restored", at + "/checkpoints").asLong());
    }

    /**
     * {@code node}'s {@code field}; its absence is an error naming the answer it is missing from:
     * the REST API of another Flink version, or a job REST does not know.
     */
    static JsonNode required(JsonNode node, String field, String answer) {
        if (!node.has(field) || node.get(field).isNull()) {
            throw new IllegalStateException("Flink's REST answer " + answer + " has no field '" + field
                    + "' (is this Flink 2.3?): " + abbreviated(node));
        }
        return node.get(field);
    }

    private static String abbreviated(JsonNode node) {
        final String text = node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private JsonNode get(String path) {
        return rest.apply(path);
    }

    private JsonNode endedJob(String jobId) {
        final long deadline = System.nanoTime() + CATCHING_UP.toNanos();
        while (true) {
            final JsonNode job = get("/jobs/" + jobId);
            if (ENDED.contains(required(job, "state", "/jobs/" + jobId).asText()) || System.nanoTime() > deadline) {
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
        final String at = "/jobs/" + jobId + "/exceptions?maxExceptions=100";
        for (JsonNode entry : required(required(get(at), "exceptionHistory", at), "entries", at)) {
            final String trace = required(entry, "stacktrace", at).asText();
            failures.add(new JobFacts.Failure(
                    required(entry, "timestamp", at).asLong(),
                    rootCause(trace, required(entry, "exceptionName", at).asText()),
                    trace.contains(InjectedFailure.class.getName())));
        }
        failures.sort(Comparator.comparingLong(JobFacts.Failure::timestamp));
        return failures;
    }

    /** The checkpoint history of a {@code /checkpoints} answer, by id. */
    static List<JobFacts.Checkpoint> history(JsonNode checkpoints) {
        final String at = "/checkpoints";
        final List<JobFacts.Checkpoint> history = new ArrayList<>();
        for (JsonNode checkpoint : required(checkpoints, "history", at)) {
            final String status = required(checkpoint, "status", at).asText();
            final boolean completed = "COMPLETED".equals(status);
            history.add(new JobFacts.Checkpoint(
                    required(checkpoint, "id", at).asLong(),
                    status,
                    required(checkpoint, "is_savepoint", at).asBoolean(),
                    required(checkpoint, "trigger_timestamp", at).asLong(),
                    completed ? required(checkpoint, "latest_ack_timestamp", at).asLong() : null,
                    completed ? required(checkpoint, "external_path", at).asText() : text(checkpoint, "external_path"),
                    text(checkpoint, "failure_message")));
        }
        history.sort(Comparator.comparingLong(JobFacts.Checkpoint::id));
        return history;
    }

    /** The {@code latest.restored} entry, or null. */
    static @Nullable JobFacts.Restore restore(JsonNode restored) {
        final String at = "/checkpoints latest.restored";
        return restored.isObject()
                ? new JobFacts.Restore(
                        required(restored, "id", at).asLong(),
                        required(restored, "external_path", at).asText(),
                        required(restored, "restore_timestamp", at).asLong(),
                        required(restored, "is_savepoint", at).asBoolean())
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
            final JsonNode checkpoints = get("/jobs/" + jobId + "/checkpoints");
            final Optional<JobFacts.Checkpoint> done =
                    history(checkpoints).stream()
                            .filter(c -> c.completed() && !c.savepoint() && c.triggeredAt() >= triggeredAfter)
                            .reduce((first, second) -> second);
            if (done.isPresent()) {
                return new Checkpoint(done.get().id(), done.get().path());
            }
            final String state = get("/jobs/" + jobId).path("state").asText();
            if (!"RUNNING".equals(state) && !"CREATED".equals(state) && !"RESTARTING".equals(state)
                    && !"INITIALIZING".equals(state)) {
                throw new IllegalStateException("job " + jobId + " ended " + state + " before a checkpoint completed");
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no checkpoint completed within " + timeout);
    }

    /**
     * Triggers a checkpoint of the running job ({@code POST /jobs/:id/checkpoints}) and waits until
     * it completed; returns it. The result is fetched as well as awaited: the REST endpoint keeps an
     * operation's result until it is fetched, and would wait for that (5 min) when it shuts down.
     */
    public Checkpoint checkpointNow(String jobId, Duration timeout) throws InterruptedException {
        final String trigger = triggerCheckpoint(jobId);
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Optional<JsonNode> operation = awaitTriggered(jobId, trigger, timeout, () -> false);
        if (operation.isPresent()) {
            if (operation.get().has("failure-cause")) {
                throw new IllegalStateException("the checkpoint triggered on job " + jobId + " failed: " + failureOf(operation.get()));
            }
            final long id = required(operation.get(), "checkpointId", "/jobs/" + jobId + "/checkpoints/" + trigger).asLong();
            // The statistics catch up within web.refresh-interval.
            while (System.nanoTime() < deadline) {
                final Optional<JobFacts.Checkpoint> done = history(get("/jobs/" + jobId + "/checkpoints")).stream()
                        .filter(c -> c.id() == id && c.completed()).findFirst();
                if (done.isPresent()) {
                    return new Checkpoint(id, done.get().path());
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the checkpoint triggered on job " + jobId + " did not complete within " + timeout);
    }

    /** Triggers a checkpoint of the running job ({@code POST /jobs/:id/checkpoints}); returns the trigger's request id. */
    public String triggerCheckpoint(String jobId) {
        final RestApi api = new RestApi(java.util.Objects.requireNonNull(address, "a cluster to post to"));
        return required(api.post("/jobs/" + jobId + "/checkpoints", "{}"), "request-id", "POST checkpoints").asText();
    }

    /**
     * The result of checkpoint trigger {@code trigger} the moment REST has it: its {@code operation},
     * with the {@code checkpointId} of a completed checkpoint or the {@code failure-cause} of one that
     * failed. Empty when {@code timeout} passes or {@code stop} says so (the job ended) first.
     */
    public Optional<JsonNode> awaitTriggered(String jobId, String trigger, Duration timeout, BooleanSupplier stop)
            throws InterruptedException {
        final String at = "/jobs/" + jobId + "/checkpoints/" + trigger;
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !stop.getAsBoolean()) {
            final JsonNode status = get(at);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                return Optional.of(required(status, "operation", at));
            }
            Thread.sleep(5);
        }
        return Optional.empty();
    }

    /**
     * Asks for trigger {@code trigger}'s result in the background until it is there (at most two
     * minutes): the REST endpoint keeps an operation's result until it is fetched, and would wait
     * for that (5 min) when it shuts down. A leader that does not know the trigger ends the asking.
     */
    public void fetchTriggeredInBackground(String jobId, String trigger) {
        final Thread fetch = new Thread(() -> {
            try {
                awaitTriggered(jobId, trigger, Duration.ofMinutes(2), () -> false);
            } catch (InterruptedException | RuntimeException goneOrUnknown) {
                // nothing left to fetch, or nothing holds the endpoint
            }
        }, "checkpoint-trigger-result");
        fetch.setDaemon(true);
        fetch.start();
    }

    /** The first line of a failed trigger's cause. */
    public static String failureOf(JsonNode operation) {
        return operation.path("failure-cause").path("stack-trace").asText().lines().findFirst().orElse("");
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
        final JsonNode latest = get("/jobs/" + jobId + "/checkpoints").path("latest").path(kind);
        return latest.isObject()
                ? Optional.of(new Checkpoint(latest.path("id").asLong(), latest.path("external_path").asText()))
                : Optional.empty();
    }
}
