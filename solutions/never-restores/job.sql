-- A solution of the exercise never-restores (exercises/never-restores/TASK.md).
--
-- PACE moved in front of the function, before the keyed exchange. Sleeping after the function,
-- it slowed the keyed task down while the source pushed all 20 rows into the network buffers at
-- once: each checkpoint's barrier queued behind them, and none completed before the failure at
-- v = 8. Slowed down in the source's task, each barrier follows the current row, a checkpoint
-- completes every second, and the restart restores the latest.
--
--   bin/demo check never-restores --file solutions/never-restores/job.sql

SET 'pipeline.name' = 'exercise-never-restores';

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/exercises/never_restores', 'format' = 'csv');

CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v
FROM numbers;

CREATE VIEW running_sums AS
SELECT k, v, running_sum, attempt, processed_at
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k, fail_on => 8);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
