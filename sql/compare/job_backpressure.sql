-- bin/demo compare: the job of the aligned and unaligned configurations, job.sql made to
-- backpressure behind the keyed exchange:
--
--   sql-client.sh -i sql/compare/unaligned.sql -f sql/compare/job_backpressure.sql -j target/udf.jar
--
-- The two source tasks emit at different paces: 100 ms a row from the first file (1..100), 1 ms
-- from the second (101..3000). The function's tasks take 3 ms a row after the sum: more arrives
-- than they take, and the rows of the fast source queue in the network buffers in front of them.
-- An aligned checkpoint barrier waits behind that queue before the task can snapshot (measured
-- here as Flink's checkpoint start delay; its alignment duration stays near 0, both barriers
-- arriving late and together). An unaligned barrier overtakes the queue and stores the queued rows
-- in the checkpoint (the persisted in-flight data).

SET 'pipeline.name' = 'compare-backpressure';
SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '2';
SET 'table.dml-sync' = 'true';
SET 'execution.checkpointing.interval' = '1s';
SET 'execution.checkpointing.mode' = 'EXACTLY_ONCE';
SET 'execution.checkpointing.timeout' = '60s';
SET 'execution.checkpointing.min-pause' = '200ms';
SET 'execution.checkpointing.max-concurrent-checkpoints' = '1';
SET 'execution.checkpointing.externalized-checkpoint-retention' = 'RETAIN_ON_CANCELLATION';
SET 'execution.checkpointing.dir' = 'file:///tmp/flink-checkpoint-demo/checkpoints';
SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.attempts' = '3';
SET 'restart-strategy.fixed-delay.delay' = '1s';

CREATE TABLE numbers (v BIGINT) WITH (
  'connector' = 'filesystem', 'path' = 'data/compare', 'format' = 'csv');

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/compare', 'format' = 'csv');

CREATE FUNCTION PACE AS 'com.example.checkpointdemo.functions.Pace';
CREATE FUNCTION SumAndFailOnce AS 'com.example.checkpointdemo.functions.SumAndFailOnce';

CREATE VIEW numbers_keyed AS
SELECT CAST(MOD(v, 1000) AS STRING) AS k, PACE(v, CASE WHEN v <= 100 THEN 100 ELSE 1 END) AS v
FROM numbers;

CREATE VIEW running_sums AS
SELECT *
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k, fail_on => 2500);

-- The slow step, after the sum and before the sink, in the function's task.
INSERT INTO committed_sums SELECT k, PACE(v, 3), running_sum, attempt, processed_at FROM running_sums;
