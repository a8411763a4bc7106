-- Exercise failed-once-flag: the job that calls FailOnceWithAFlag.java (beside this file). Task:
-- exercises/failed-once-flag/TASK.md. The fix is in the Java file; check it with
--
--   bin/demo check failed-once-flag
--
-- which compiles the Java file, ships it with the job as a jar, and runs this script after
-- sql/scenarios/init.sql (the settings, the input table `numbers`, the print sink, PACE).

SET 'pipeline.name' = 'exercise-failed-once-flag';

CREATE FUNCTION FailOnceWithAFlag AS 'exercise.FailOnceWithAFlag';

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/exercises/failed_once_flag', 'format' = 'csv');

CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v
FROM numbers;

CREATE VIEW running_sums AS
SELECT *
FROM FailOnceWithAFlag(input => TABLE numbers_keyed PARTITION BY k, fail_on => 8);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
