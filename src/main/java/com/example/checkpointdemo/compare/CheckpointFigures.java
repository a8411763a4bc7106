package com.example.checkpointdemo.compare;

import com.example.checkpointdemo.plumbing.RestApi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What Flink measured of one job, read from its REST API: each completed checkpoint (its size,
 * duration, and how long its barriers took to reach and align at the running sum's task) and how
 * long that task took to restore its state after the failure.
 */
public record CheckpointFigures(List<Checkpoint> checkpoints, long restoreMillis) {

    /**
     * One completed checkpoint, at {@code atMillis} after the job started. {@code checkpointedSize}
     * is what it wrote (the increment, for an incremental one), {@code stateSize} the whole state;
     * {@code startDelayMillis} (trigger to the first barrier at the task) and {@code alignmentMillis}
     * (first to last barrier) are the maxima over the function's subtasks; {@code persistedBytes}
     * the in-flight data an unaligned checkpoint stored.
     */
    public record Checkpoint(
            long id, long atMillis, String type, long checkpointedSize, long stateSize, long durationMillis,
            long startDelayMillis, long alignmentMillis, long persistedBytes) {

        /** How long the barriers held the task up: start delay plus alignment, both Flink's. */
        public long barrierWaitMillis() {
            return startDelayMillis + alignmentMillis;
        }
    }

    /** The figures of job {@code jobId}, whose running sum runs in the vertex named {@code ProcessTableFunction...}. */
    public static CheckpointFigures of(RestApi rest, String jobId) {
        final JsonNode job = rest.get("/jobs/" + jobId);
        final long start = job.path("start-time").asLong();
        String function = null;
        for (JsonNode vertex : job.path("vertices")) {
            if (vertex.path("name").asText().startsWith("ProcessTableFunction")) {
                function = vertex.path("id").asText();
            }
        }
        if (function == null) {
            throw new IllegalStateException("job " + jobId + " has no ProcessTableFunction task");
        }
        final List<Checkpoint> checkpoints = new ArrayList<>();
        for (JsonNode checkpoint : rest.get("/jobs/" + jobId + "/checkpoints").path("history")) {
            if (!"COMPLETED".equals(checkpoint.path("status").asText()) || checkpoint.path("is_savepoint").asBoolean()) {
                continue;
            }
            final long id = checkpoint.path("id").asLong();
            final JsonNode task = rest.get("/jobs/" + jobId + "/checkpoints/details/" + id + "/subtasks/" + function).path("summary");
            checkpoints.add(new Checkpoint(id, checkpoint.path("trigger_timestamp").asLong() - start,
                    checkpoint.path("checkpoint_type").asText(), checkpoint.path("checkpointed_size").asLong(),
                    checkpoint.path("state_size").asLong(), checkpoint.path("end_to_end_duration").asLong(),
                    task.path("start_delay").path("max").asLong(), task.path("alignment").path("duration").path("max").asLong(),
                    checkpoint.path("persisted_data").asLong()));
        }
        checkpoints.sort(Comparator.comparingLong(Checkpoint::id));
        // The timestamps of the subtasks' current (restored) attempt: INITIALIZING is when the
        // task began restoring its state, RUNNING when it was done.
        long restore = 0;
        for (JsonNode subtask : rest.get("/jobs/" + jobId + "/vertices/" + function + "/subtasktimes").path("subtasks")) {
            final JsonNode at = subtask.path("timestamps");
            restore = Math.max(restore, at.path("RUNNING").asLong() - at.path("INITIALIZING").asLong());
        }
        return new CheckpointFigures(List.copyOf(checkpoints), restore);
    }

    /** The median of {@code value} over the checkpoints (of an even number, the upper one); 0 when there is none. */
    public long median(java.util.function.ToLongFunction<Checkpoint> value) {
        return median(checkpoints.stream().mapToLong(value).toArray());
    }

    /** The median of {@code values} (of an even number, the upper one); 0 when there is none. */
    static long median(long[] values) {
        final long[] sorted = java.util.Arrays.stream(values).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    /** The largest {@code value} over the checkpoints; 0 when there is none. */
    public long max(java.util.function.ToLongFunction<Checkpoint> value) {
        return checkpoints.stream().mapToLong(value).max().orElse(0);
    }
}
