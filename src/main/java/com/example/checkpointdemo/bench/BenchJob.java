package com.example.checkpointdemo.bench;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.plumbing.RestApi;
import com.example.checkpointdemo.plumbing.ClusterAddress;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

import java.util.Map;

/**
 * One benchmark job: {@code rows} generated rows {@code (k = i % keys, v = i)}, no pacing, the
 * implementation under test, a probe chained behind it and a discarding sink; parallelism 1,
 * heap or RocksDB state, a checkpoint every second.
 * The input comes from {@code fromSequence}, whose checkpointed state is a few numbers (the SQL
 * {@code datagen} sequence keeps every value not yet emitted in its state).
 */
final class BenchJob {

    private final ClusterAddress cluster;

    BenchJob(ClusterAddress cluster) {
        this.cluster = cluster;
    }

    /** Runs {@code impl}; with {@code failAt}, fails once at that row and measures the recovery. */
    Measurement run(Impl impl, long rows, int keys, String backend, FaultPlan failAt, Map<String, String> settings)
            throws Exception {
        final Configuration config = cluster.clientConfiguration();
        config.setString("pipeline.name", "bench-" + impl.id() + "-" + keys + "-" + backend);
        config.setString("parallelism.default", "1");
        config.setString("execution.checkpointing.interval", "1s");
        config.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        config.setString("execution.checkpointing.dir", "file:///tmp/flink-checkpoint-demo/bench-checkpoints");
        config.setString("state.backend.type", backend);
        // Recovery time is Flink's own: no restart delay.
        config.setString("restart-strategy.type", "fixed-delay");
        config.setString("restart-strategy.fixed-delay.attempts", "1");
        config.setString("restart-strategy.fixed-delay.delay", "0ms");
        settings.forEach(config::setString);

        final StreamExecutionEnvironment env = new StreamExecutionEnvironment(config);
        final StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        final DataStream<Row> numbers =
                env.fromSequence(1, rows)
                        .map(i -> Row.of(i % keys, i))
                        .returns(Types.ROW_NAMED(new String[] {"k", "v"}, Types.LONG, Types.LONG))
                        .name("Numbers");
        impl.sums(tEnv, numbers)
                .map(new ThroughputProbe(failAt, keys, rows))
                .name("ThroughputProbe")
                .sinkTo(new DiscardingSink<>());

        final JobClient job = env.executeAsync();
        final JobExecutionResult result = job.getJobExecutionResult().get();
        final Map<String, Object> accumulators = result.getAllAccumulatorResults();
        final long first = (Long) accumulators.get(ThroughputProbe.FIRST_ROW_AT);
        final long last = (Long) accumulators.get(ThroughputProbe.LAST_ROW_AT);

        final RestApi rest = new RestApi(cluster.host(), cluster.port());
        final String id = job.getJobID().toString();
        final JsonNode checkpoints = rest.get("/jobs/" + id + "/checkpoints");
        final JsonNode summary = checkpoints.path("summary");
        Long toRunning = null;
        Long toFailurePoint = null;
        if (failAt.size() > 0) {
            final long failedAt =
                    rest.get("/jobs/" + id + "/exceptions").path("exceptionHistory").path("entries").path(0).path("timestamp").asLong();
            toRunning = allRunningAt(rest, id) - failedAt;
            final long backAt = (Long) accumulators.get(ThroughputProbe.BACK_AT_FAILURE_POINT);
            if (backAt == Long.MIN_VALUE) { // the maximum of no values: the row never came again
                throw new IllegalStateException(
                        impl + ": the restarted job never came back to the row that failed, v=" + failAt.values().get(0));
            }
            toFailurePoint = backAt - failedAt;
        }
        final long checked = (Long) accumulators.get(ThroughputProbe.ROWS_CHECKED);
        final long wrong = (Long) accumulators.get(ThroughputProbe.WRONG_SUMS);
        final long finalSumsRight = (Long) accumulators.get(ThroughputProbe.FINAL_SUMS_RIGHT);
        if (wrong > 0 || (failAt.size() == 0 && checked != rows) || finalSumsRight != Math.min(keys, rows)) {
            throw new IllegalStateException(impl.id() + " (" + keys + " keys, " + backend + "): " + wrong
                    + " of " + checked + " rows had a wrong running sum, " + rows + " rows expected, "
                    + finalSumsRight + " of " + keys + " keys ended at their input's sum");
        }
        return new Measurement(
                impl,
                keys,
                backend,
                rows,
                rows * 1000.0 / Math.max(1, last - first),
                checkpoints.path("counts").path("completed").asLong(),
                summary.path("checkpointed_size").path("avg").asLong(),
                summary.path("end_to_end_duration").path("avg").asLong(),
                toRunning,
                toFailurePoint,
                checked,
                wrong,
                finalSumsRight);
    }

    /** When the last task of the job's final attempt started running. */
    private static long allRunningAt(RestApi rest, String jobId) {
        long latest = 0;
        for (JsonNode vertex : rest.get("/jobs/" + jobId).path("vertices")) {
            for (JsonNode subtask : rest.get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/subtasktimes").path("subtasks")) {
                latest = Math.max(latest, subtask.path("timestamps").path("RUNNING").asLong());
            }
        }
        return latest;
    }
}
