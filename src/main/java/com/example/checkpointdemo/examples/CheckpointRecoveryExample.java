package com.example.checkpointdemo.examples;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.ArgumentTrait;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.annotation.StateHint;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ProcessTableFunction;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.types.Row;

import java.nio.file.Path;
import java.time.Duration;

import static org.apache.flink.table.api.DataTypes.BIGINT;
import static org.apache.flink.table.api.DataTypes.INT;
import static org.apache.flink.table.api.DataTypes.STRING;
import static org.apache.flink.table.api.Expressions.$;
import static org.apache.flink.table.api.Expressions.call;
import static org.apache.flink.table.api.Expressions.lit;

/**
 * The whole lesson in one file, with the Table API: a running sum over the numbers of a file, kept
 * in the checkpointed state of a ProcessTableFunction that fails once, at 8; Flink restarts the
 * job and the sum comes back from the last completed checkpoint. It needs nothing but Flink: copy
 * it into any project with Flink's Table API on the class path and run it. Here: {@code
 * bin/example [INPUT [OUTPUT]]}.
 */
public class CheckpointRecoveryExample {

    public static void main(String[] args) throws Exception {
        final String input = args.length > 0 ? args[0] : "data/checkpoint_numbers.csv";
        // Everything the run writes: OUTPUT/committed_sums and OUTPUT/checkpoints/<job id>/chk-N.
        final Path output = Path.of(args.length > 1 ? args[1] : "target/checkpoint-recovery-example").toAbsolutePath();

        final Configuration config = new Configuration();
        config.set(PipelineOptions.NAME, "checkpoint-recovery-example");
        config.setString("parallelism.default", "1");

        // 1) Checkpoints: one per second, exactly-once, into a folder of this run's own, and kept
        //    when the job is cancelled (a job that finishes deletes them; one whose JVM is killed
        //    leaves them for a restart with execution.state-recovery.path).
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        config.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        config.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofSeconds(60));
        config.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ofMillis(500));
        config.set(CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS, 1);
        config.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, output.resolve("checkpoints").toUri().toString());

        // 2) Failover: restart up to 3 times, 2 s apart, from the last completed checkpoint.
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));

        final TableEnvironment tEnv =
                TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(config).build());

        // 3) The input: one number per line.
        tEnv.createTemporaryTable("numbers", TableDescriptor.forConnector("filesystem")
                .schema(Schema.newBuilder().column("v", BIGINT()).build())
                .option("path", input)
                .format("csv")
                .build());

        // 4) One key for all values, paced at 200 ms per row BEFORE the keyed exchange, so a
        //    checkpoint barrier never waits behind rows the source has already buffered.
        final Table keyed = tEnv.from("numbers").select(lit("all").as("k"), call(Pace.class, $("v"), 200).as("v"));

        // 5) The running sum, in the function's state per key; it fails once, at v = 8.
        final Table sums = keyed.partitionBy($("k")).process(SumAndFailOnce.class, lit(8).asArgument("fail_on"));

        // 6) Two sinks: the console shows every row processed, replays included; the file sink
        //    commits a row only with the checkpoint after it, so it holds each row exactly once.
        final Schema columns = Schema.newBuilder()
                .column("k", STRING()).column("v", BIGINT()).column("running_sum", BIGINT()).column("attempt", INT())
                .build();
        tEnv.createTemporaryTable("printed_sums",
                TableDescriptor.forConnector("print").schema(columns).option("print-identifier", "SUM").build());
        tEnv.createTemporaryTable("committed_sums", TableDescriptor.forConnector("filesystem")
                .schema(columns)
                .option("path", output.resolve("committed_sums").toString())
                .format("csv")
                .build());

        final StatementSet job = tEnv.createStatementSet();
        job.add(sums.insertInto("printed_sums"));
        job.add(sums.insertInto("committed_sums"));

        // 7) Run, and wait for the job to end.
        final TableResult result = job.execute();
        final String jobId = result.getJobClient().orElseThrow().getJobID().toString();
        result.await();
        System.out.printf("Job %s finished. Committed rows: %s%nIts checkpoints were written to %s (a finished job"
                + " deletes them)%n", jobId, output.resolve("committed_sums"), output.resolve("checkpoints").resolve(jobId));
    }

    /**
     * The state and the failure: a running sum of {@code v} per key, which Flink checkpoints and
     * restores; {@code attempt} is the task's attempt number (0, then 1 after the restart).
     */
    @FunctionHint(output = @DataTypeHint("ROW<v BIGINT, running_sum BIGINT, attempt INT>"))
    public static class SumAndFailOnce extends ProcessTableFunction<Row> {

        /** The per-key state: Flink loads it before each {@code eval} and stores it after. */
        public static class SumState {
            public long runningSum = 0L;
        }

        private transient int attempt;

        @Override
        public void open(FunctionContext context) {
            attempt = context.getTaskInfo().getAttemptNumber();
        }

        // fail_on is an INT, not a BIGINT: Flink 2.3.0's code for lit(8) into a BIGINT argument does
        // not compile. ttl = "0": a running sum never expires (else Flink adds a TTL that never fires).
        public void eval(
                @StateHint(ttl = "0") SumState state,
                @ArgumentHint(value = ArgumentTrait.SET_SEMANTIC_TABLE, name = "input") Row input,
                @ArgumentHint(name = "fail_on") Integer failOn) {
            final long v = input.<Long>getFieldAs("v");
            // "Fail once" is the attempt number, not a flag in the state: the restore this
            // failure causes would roll such a flag back, and the job would fail on every attempt.
            if (attempt == 0 && v == failOn) {
                throw new RuntimeException("Injected failure at v=" + v + " on attempt " + attempt);
            }
            state.runningSum += v;
            collect(Row.of(v, state.runningSum, attempt));
        }
    }

    /** {@code Pace(v, millis)}: {@code v}, after {@code millis} of sleep (the course's 200 ms a row). */
    public static class Pace extends ScalarFunction {

        public Long eval(Long v, int millis) throws InterruptedException {
            Thread.sleep(millis);
            return v;
        }

        @Override
        public boolean isDeterministic() {
            return false; // it takes time: keep the planner from folding or moving it
        }
    }
}
