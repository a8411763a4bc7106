-- Scenario two-phase-commit: what the file sink holds between checkpoints, and when it commits.
--
-- As sql/checkpoint_demo.sql, with a checkpoint every 2 s and a failure: at v = 14 as written;
-- bin/demo scenario fails the job itself 0.7 s after its first checkpoint completed, so that rows
-- always wait in progress when it fails. The file sink commits in two phases: it writes rows into a hidden in-progress part file (phase one, at
-- each row), a checkpoint's barrier closes that file and puts it in the checkpoint as pending,
-- and only when the whole checkpoint has completed does the sink commit it, renaming it visible
-- (phase two). bin/demo scenario two-phase-commit watches the folder as the job runs: each part
-- file in progress, then committed just after a checkpoint completed; how long each row waited
-- between its processing and its commit; and the rows written after the restored checkpoint,
-- left in a file the restore abandons, and committed once by the next attempt.
--
--   bin/demo scenario two-phase-commit
--   sql-client.sh -i sql/scenarios/init.sql -f sql/scenarios/two_phase_commit.sql -j target/udf.jar

SET 'pipeline.name' = 'scenario-two-phase-commit';
SET 'execution.checkpointing.interval' = '2s';

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/two_phase_commit', 'format' = 'csv');

CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v
FROM numbers;

CREATE VIEW running_sums AS
SELECT k, v, running_sum, attempt, processed_at
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k, fail_on => 14);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
