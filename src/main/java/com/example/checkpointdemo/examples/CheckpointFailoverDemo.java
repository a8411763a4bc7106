package com.example.checkpointdemo.examples;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * The course chapter's CheckpointFailoverDemo (案例4), ported to Flink 2.3 with its two traps fixed,
 * and otherwise as it was: put it beside the original and each difference has a comment saying why.
 * Run it with {@code bin/example --datastream [INPUT [OUTPUT]]}; its checkpoints go to
 * OUTPUT/checkpoints (default under target/).
 */
public class CheckpointFailoverDemo {
    public static void main(String[] args) throws Exception {
        final String input = args != null && args.length > 0
                ? args[0]
                : "data/checkpoint_numbers.csv"; // the project's copy of flink_adcance/data/checkpoint_numbers.txt
        // Added: a folder of its own for the checkpoints. The original set none, so its
        // RETAIN_ON_CANCELLATION kept nothing on disk: without a directory the checkpoints live
        // in the JobManager's memory only.
        final java.nio.file.Path checkpoints = java.nio.file.Path.of(args != null && args.length > 1
                ? args[1] : "target/checkpoint-failover-demo").toAbsolutePath().resolve("checkpoints");

        // 2.x: the restart strategy is configuration now (RestartStrategies and Time are gone).
        final Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3); // 最多重启 3 次
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString()); // Added, see above
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);

        // 1) 开启 checkpoint（尽量让它在故障前至少成功一次）
        env.enableCheckpointing(1000); // 1s
        CheckpointConfig cfg = env.getCheckpointConfig();
        cfg.setCheckpointingConsistencyMode(CheckpointingMode.EXACTLY_ONCE); // 2.x: the mode moved to core
        cfg.setCheckpointTimeout(60_000);
        cfg.setMinPauseBetweenCheckpoints(500);
        cfg.setMaxConcurrentCheckpoints(1);
        // 2.x: enableExternalizedCheckpoints(ExternalizedCheckpointCleanup...) became this.
        cfg.setExternalizedCheckpointRetention(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);

        // 3) 输入流：读取数字. 2.x: readTextFile is gone; the FileSource reads the lines, and on a
        // restore it resumes after the last line the checkpoint covered.
        DataStream<Integer> nums = env
                .fromSource(FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(input)).build(),
                        WatermarkStrategy.noWatermarks(), "numbers")
                .filter(line -> line != null && !line.trim().isEmpty())
                .map(s -> Integer.parseInt(s.trim()));

        // 4) 故障注入 + 有状态累加
        // Removed: the original's assignTimestampsAndWatermarks (every timestamp 0, "to avoid a
        // warning"). Nothing here uses event time, and Flink gives no such warning.
        nums
                // FIX 1: sleep here, before keyBy, in the source's task. The original slept inside the
                // keyed function: the source then pushed every row into the network buffers at once,
                // the checkpoint barrier queued behind them, and no checkpoint completed before the
                // failure, so the restart began from scratch.
                .map(v -> {
                    Thread.sleep(200);
                    return v;
                })
                .keyBy(v -> "all")
                .process(new SumAndFailOnce(8)) // 处理到 8 时故意失败一次
                .print("SUM");

        env.execute("Checkpoint Failover Recovery Demo");
    }

    /**
     * 逻辑：
     * - 用 ValueState 保存 runningSum
     * - FIX 2: "failed once" is the task's attempt number (0 on the first run), not a hasFailed
     *   flag in ValueState: the restore the failure causes rolls that flag back to false, so the
     *   original failed again on every attempt until the job died.
     */
    public static class SumAndFailOnce extends KeyedProcessFunction<String, Integer, String> {
        private final int failOn;

        private transient ValueState<Integer> sum;
        private transient int attemptNumber;

        public SumAndFailOnce(int failOn) {
            this.failOn = failOn;
        }

        @Override
        public void open(OpenContext openContext) { // 2.x: open(Configuration) became open(OpenContext)
            sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Types.INT));
            attemptNumber = getRuntimeContext().getTaskInfo().getAttemptNumber();
        }

        @Override
        public void processElement(Integer value, Context ctx, Collector<String> out) throws Exception {
            Integer s = sum.value();
            if (s == null) s = 0;

            int next = s + value;
            sum.update(next);

            // 故意失败一次：触发 failover (on the first attempt only: see FIX 2)
            if (attemptNumber == 0 && value == failOn) {
                throw new RuntimeException("Injected failure at value=" + value);
            }

            out.collect("value=" + value + ", runningSum=" + next);
        }
    }
}
