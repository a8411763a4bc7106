-- The demo as a job that never ends, for a cluster that keeps it running (deploy/kubernetes runs it
-- with upgradeMode: last-state): it watches s3://demo/data/continuous/ and reads each CSV file put
-- there, once, as it appears; the running sum goes on across files, failures, restarts and
-- upgrades, from the latest checkpoint. Put data/numbers_1_to_300.csv there first (sum 45150), any
-- file of numbers later. The source's list of files already read is in the checkpoint too: a
-- restored job reads only the files it had not.
--
-- On a real S3, replace "demo" with your bucket (bucket names are global on AWS); the s3.* keys
-- (region, endpoint, credentials) belong in the cluster's configuration, not here (deploy/ has them).

SET 'execution.runtime-mode' = 'streaming';
SET 'pipeline.name' = 'continuous-run-s3';
SET 'pipeline.object-reuse' = 'true';

SET 'execution.checkpointing.interval' = '10s';
SET 'execution.checkpointing.mode' = 'EXACTLY_ONCE';
SET 'execution.checkpointing.externalized-checkpoint-retention' = 'RETAIN_ON_CANCELLATION';
SET 'execution.checkpointing.dir' = 's3://demo/checkpoints';
SET 'execution.checkpointing.savepoint-dir' = 's3://demo/savepoints';

-- 'source.monitor-interval' makes the file source unbounded: every 10 s it lists the folder for
-- new files. Without it the job would end after the files there at its start.
CREATE TABLE numbers (v BIGINT) WITH (
  'connector' = 'filesystem', 'path' = 's3://demo/data/continuous/', 'format' = 'csv',
  'source.monitor-interval' = '10s');

-- The file sink commits what a completed checkpoint covers: at most one interval behind.
CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 's3://demo/output/continuous_run', 'format' = 'csv');

CREATE FUNCTION SumAndFailOnce AS 'com.example.checkpointdemo.functions.SumAndFailOnce';

CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, v
FROM numbers;

INSERT INTO committed_sums
SELECT k, v, running_sum, attempt, processed_at
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k);
