-- What the scenario scripts share, loaded before each as the SQL Client's initialization file:
--
--   sql-client.sh -i sql/scenarios/init.sql -f sql/scenarios/<name>.sql -j target/udf.jar
--
-- The settings, the input and the print sink of sql/checkpoint_demo.sql (see the comments
-- there), and the functions the scenarios call.

SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '1';
SET 'table.dml-sync' = 'true';
SET 'pipeline.object-reuse' = 'true';
SET 'execution.checkpointing.interval' = '1s';
SET 'execution.checkpointing.mode' = 'EXACTLY_ONCE';
SET 'execution.checkpointing.timeout' = '60s';
SET 'execution.checkpointing.min-pause' = '500ms';
SET 'execution.checkpointing.max-concurrent-checkpoints' = '1';
SET 'execution.checkpointing.externalized-checkpoint-retention' = 'RETAIN_ON_CANCELLATION';
SET 'execution.checkpointing.dir' = 'file:///tmp/flink-checkpoint-demo/checkpoints';
SET 'execution.checkpointing.savepoint-dir' = 'file:///tmp/flink-checkpoint-demo/savepoints';
SET 'execution.checkpointing.snapshot-compression' = 'true';
SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.attempts' = '3';
SET 'restart-strategy.fixed-delay.delay' = '2s';

CREATE TABLE numbers (v BIGINT) WITH (
  'connector' = 'filesystem', 'path' = 'data/checkpoint_numbers.csv', 'format' = 'csv');

CREATE TABLE printed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'print', 'print-identifier' = 'SUM');

CREATE FUNCTION PACE AS 'com.example.checkpointdemo.functions.Pace';
CREATE FUNCTION SumAndFailOnce AS 'com.example.checkpointdemo.functions.SumAndFailOnce';
CREATE FUNCTION SumAndFailOnceStateFlag AS 'com.example.checkpointdemo.functions.SumAndFailOnceStateFlag';
