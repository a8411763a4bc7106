-- Exercise never-restores: the course's program, which fails once and still ends at 210, but never
-- restores a checkpoint. Task: exercises/never-restores/TASK.md. Check your version with
--
--   bin/demo check never-restores
--
-- Loaded after sql/scenarios/init.sql (the settings, the input table `numbers`, the print sink
-- and the functions): keep the checkpoint settings there as they are, and the failure at v = 8.

SET 'pipeline.name' = 'exercise-never-restores';

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/exercises/never_restores', 'format' = 'csv');

-- One key for all values, as the course's keyBy(v -> "all").
CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, v
FROM numbers;

-- The running sum, slowed down to 200 ms a row so that checkpoints have time to happen, as the
-- course's program slept in its process function.
CREATE VIEW running_sums AS
SELECT k, PACE(v, 200) AS v, running_sum, attempt, processed_at
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k, fail_on => 8);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
