-- bin/demo compare: the job every checkpointing configuration runs, given as the SQL Client's
-- initialization file (its SET lines only):
--
--   sql-client.sh -i sql/compare/rocksdb_incremental.sql -f sql/compare/job.sql -j target/udf.jar
--
-- The lesson's running sum over 3,000 numbers (data/compare/, two files, which the two source tasks
-- usually read one each),
-- 1,000 keys on two tasks, paced before the keyed exchange so that checkpoints complete while it
-- runs; it fails once, at v = 1500, and restores. Its settings leave alone what the
-- configurations set (the state backend, incremental, changelog, unaligned, local recovery).

SET 'pipeline.name' = 'compare';
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
SELECT CAST(MOD(v, 1000) AS STRING) AS k, PACE(v, 2) AS v
FROM numbers;

CREATE VIEW running_sums AS
SELECT *
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k, fail_on => 1500);

INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
