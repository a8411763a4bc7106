package com.example.checkpointdemo.examples

import org.apache.flink.api.common.eventtime.WatermarkStrategy
import org.apache.flink.api.common.functions.OpenContext
import org.apache.flink.api.common.state.{ValueState, ValueStateDescriptor}
import org.apache.flink.api.common.typeinfo.Types
import org.apache.flink.configuration.{CheckpointingOptions, Configuration, ExternalizedCheckpointRetention, RestartStrategyOptions}
import org.apache.flink.connector.file.src.FileSource
import org.apache.flink.connector.file.src.reader.TextLineInputFormat
import org.apache.flink.core.execution.CheckpointingMode
import org.apache.flink.core.fs.Path
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment
import org.apache.flink.streaming.api.functions.KeyedProcessFunction
import org.apache.flink.util.Collector

import java.lang.{Integer => JInt}
import java.time.Duration

/**
 * The course chapter's Scala CheckpointFailoverDemo on Flink 2.3, in Scala 3, with its two traps
 * fixed. Flink 2 removed its Scala API (`org.apache.flink.streaming.api.scala._`); a Scala program
 * now calls the Java DataStream API, as Flink's docs recommend, and names the types that the Scala
 * API used to derive. Each change has a comment. Run it with `bin/example --scala [INPUT [OUTPUT]]`.
 */
object CheckpointFailoverDemoScala:

  def main(args: Array[String]): Unit =
    val input = args.headOption.getOrElse("data/checkpoint_numbers.csv")
    // Added: a folder of its own for the checkpoints; without one, RETAIN_ON_CANCELLATION keeps
    // nothing on disk (the checkpoints live in the JobManager's memory).
    val checkpoints = java.nio.file.Path.of(args.lift(1).getOrElse("target/checkpoint-failover-demo-scala"))
      .toAbsolutePath.resolve("checkpoints")

    // 2.x: the restart strategy is configuration (setRestartStrategy and Time are gone).
    val config = new Configuration()
    config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay")
    config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, JInt.valueOf(3)) // 最多重启 3 次
    config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2))
    config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri.toString) // Added, see above
    val env = StreamExecutionEnvironment.getExecutionEnvironment(config)
    env.setParallelism(1)

    // 1) 开启 checkpoint（尽量让它在故障前至少成功一次）
    env.enableCheckpointing(1000) // 1s
    val cfg = env.getCheckpointConfig
    cfg.setCheckpointingConsistencyMode(CheckpointingMode.EXACTLY_ONCE) // 2.x: the mode moved to core
    cfg.setCheckpointTimeout(60000)
    cfg.setMinPauseBetweenCheckpoints(500)
    cfg.setMaxConcurrentCheckpoints(1)
    cfg.setExternalizedCheckpointRetention(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION)

    // 3) 输入流：读取数字. 2.x: readTextFile is gone; the FileSource resumes, after a restore,
    // after the last line the checkpoint covered.
    val source = FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(input)).build()
    env
      .fromSource(source, WatermarkStrategy.noWatermarks[String](), "numbers")
      .filter(line => line != null && line.trim.nonEmpty)
      // The Java API cannot see a Scala lambda's result type: `returns` names it.
      .map(line => JInt.valueOf(line.trim.toInt)).returns(Types.INT)
      // FIX 1: sleep here, before keyBy, in the source's task. The original slept inside the keyed
      // function: the source pushed every row into the network buffers at once, the checkpoint
      // barrier queued behind them, no checkpoint completed before the failure, and the restart
      // began from scratch.
      .map { v => Thread.sleep(200); v }.returns(Types.INT)
      .keyBy((_: JInt) => "all", Types.STRING)
      .process(new SumAndFailOnce(8)) // 处理到 8 时故意失败一次
      .print("SUM")

    env.execute("Checkpoint Failover Recovery Demo (Scala)")

  /**
   * 用 ValueState 保存 runningSum. FIX 2: "failed once" is the task's attempt number (0 on the
   * first run), not a hasFailed flag in ValueState: the restore the failure causes rolls that flag
   * back to false, so the original failed again on every attempt until the job died.
   */
  class SumAndFailOnce(failOn: Int) extends KeyedProcessFunction[String, JInt, String]:
    @transient private var sum: ValueState[JInt] = scala.compiletime.uninitialized
    @transient private var attemptNumber: Int = 0

    // 2.x: open(Configuration) became open(OpenContext).
    override def open(openContext: OpenContext): Unit =
      sum = getRuntimeContext.getState(new ValueStateDescriptor[JInt]("sum", Types.INT))
      attemptNumber = getRuntimeContext.getTaskInfo.getAttemptNumber

    override def processElement(value: JInt, ctx: KeyedProcessFunction[String, JInt, String]#Context,
        out: Collector[String]): Unit =
      val next = Option(sum.value()).map(_.intValue).getOrElse(0) + value
      sum.update(next)
      // 故意失败一次：触发 failover (on the first attempt only: see FIX 2)
      if attemptNumber == 0 && value == failOn then
        throw new RuntimeException(s"Injected failure at value=$value")
      out.collect(s"value=$value, runningSum=$next")
