-- The long job of sql/scenarios/long_run.sql with everything it keeps in an S3-compatible object
-- store: its input, its committed output, its checkpoints and savepoints. Every TaskManager reads
-- and writes the same s3:// paths, as on machines that share no disk. The numbers 1..300 at
-- 200 ms a row, about a minute, with no injected failure (the faults are the processes you kill).
--
--   bin/cluster start --ha --s3          (the store, with data/ uploaded to s3://demo/data/)
--   bin/sql-client --remote -f sql/s3/long_run.sql -j target/udf.jar &
--   bin/cluster status --await-checkpoint      then  bin/cluster kill-taskmanager  (or kill-jobmanager)
--   bin/cluster ls s3://demo/checkpoints/      chk-N/_metadata, where the restore reads from
--
-- The committed rows land in s3://demo/output/long_run: 300 rows, the last one's running_sum 45150.

SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '1';
SET 'pipeline.name' = 'long-run-s3';
SET 'table.dml-sync' = 'true';
SET 'pipeline.object-reuse' = 'true';

SET 'execution.checkpointing.interval' = '1s';
SET 'execution.checkpointing.mode' = 'EXACTLY_ONCE';
SET 'execution.checkpointing.min-pause' = '500ms';
SET 'execution.checkpointing.externalized-checkpoint-retention' = 'RETAIN_ON_CANCELLATION';
-- The bucket of bin/cluster start --s3. On a real S3, your bucket; the s3.* keys (endpoint,
-- credentials) belong in the cluster's config.yaml, not in a script (deploy/ has them).
SET 'execution.checkpointing.dir' = 's3://demo/checkpoints';
SET 'execution.checkpointing.savepoint-dir' = 's3://demo/savepoints';
-- Every state file beside chk-N/_metadata, even a small one (by default state under 20 KB is
-- written into _metadata itself): bin/cluster ls shows what a checkpoint is made of.
SET 'execution.checkpointing.data-inline-threshold' = '0b';

SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.attempts' = '3';
SET 'restart-strategy.fixed-delay.delay' = '2s';

CREATE TABLE numbers_1_to_300 (v BIGINT) WITH (
  'connector' = 'filesystem', 'path' = 's3://demo/data/numbers_1_to_300.csv', 'format' = 'csv');

CREATE TABLE printed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'print', 'print-identifier' = 'SUM');

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 's3://demo/output/long_run', 'format' = 'csv');

CREATE FUNCTION PACE AS 'com.example.checkpointdemo.functions.Pace';
CREATE FUNCTION SumAndFailOnce AS 'com.example.checkpointdemo.functions.SumAndFailOnce';

-- Paced before the keyed exchange, so that each checkpoint's barrier follows the current row.
CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v
FROM numbers_1_to_300;

CREATE VIEW running_sums AS
SELECT *
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
