package com.example.checkpointdemo.examples;

import com.example.checkpointdemo.functions.Pace;
import com.example.checkpointdemo.functions.SumAndFailOnce;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;

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
 * in the checkpointed state of the {@code SumAndFailOnce} ProcessTableFunction, which fails once at
 * 8; Flink restarts the job and the sum comes back from the last completed checkpoint. The same
 * settings as sql/checkpoint_demo.sql, in code. Run it with {@code bin/example [INPUT [OUTPUT]]}.
 */
public class CheckpointRecoveryExample {

    public static void main(String[] args) throws Exception {
        final String input = args.length > 0 ? args[0] : "data/checkpoint_numbers.csv";
        // Where the file sink commits (OUTPUT/committed_sums) and the checkpoints go (OUTPUT/checkpoints).
        final String output = args.length > 1 ? args[1] : null;

        final Configuration config = new Configuration();
        config.set(PipelineOptions.NAME, "checkpoint-recovery-example");
        config.setString("parallelism.default", "1");

        // 1) Checkpoints: one per second, exactly-once, kept when the job is cancelled.
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        config.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        config.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofSeconds(60));
        config.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ofMillis(500));
        config.set(CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS, 1);
        config.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                output == null ? "file:///tmp/flink-checkpoint-demo/checkpoints" : Path.of(output, "checkpoints").toUri().toString());

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

        // 5) The running sum, in the PTF's state per key; it fails once, at v = 8, on the first attempt.
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
                .option("path", output == null ? "output/example_sums" : output + "/committed_sums")
                .format("csv")
                .build());

        final Table rows = sums.select($("k"), $("v"), $("running_sum"), $("attempt"));
        final StatementSet job = tEnv.createStatementSet();
        job.add(rows.insertInto("printed_sums"));
        job.add(rows.insertInto("committed_sums"));

        // 7) Run, and wait for the job to end.
        job.execute().await();
    }
}
