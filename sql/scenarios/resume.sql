-- Scenario resume: a cancelled job, resumed from its retained checkpoint by a second run.
--
-- No failure is injected. `bin/demo scenario resume` cancels the job once a checkpoint has
-- completed; RETAIN_ON_CANCELLATION keeps that checkpoint (this is why the original set it).
-- It then runs this script again with the checkpoint as its starting point, as you would in
-- the SQL Client, before the INSERT:
--
--   SET 'execution.state-recovery.path' = 'file:///tmp/flink-checkpoint-demo/checkpoints/<job id>/chk-<n>';
--
-- The second job restores the running sum, the source's read position and the file sink's
-- pending files: across both runs, every number is committed exactly once.
--
--   bin/demo scenario resume
--   sql-client.sh -i sql/scenarios/init.sql -f sql/scenarios/resume.sql -j target/udf.jar   (one run)

SET 'pipeline.name' = 'scenario-resume';

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/resume', 'format' = 'csv');

CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v
FROM numbers;

CREATE VIEW running_sums AS
SELECT *
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
