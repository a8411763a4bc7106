-- A solution of the exercise upgrade-without-uid (exercises/upgrade-without-uid/TASK.md): the call
-- names the uid the first job's state is kept under. A PTF call's uid is the name it is called by
-- unless `uid =>` says otherwise, and deployed.sql called SumAndFailOnce; renamed without it, the
-- function is a new operator to Flink, and the savepoint's state belongs to none.
--
--   bin/demo check upgrade-without-uid --file solutions/upgrade-without-uid/changed.sql
--
-- which runs sql/scenarios/upgrade/deployed.sql (the job as first deployed: SumAndFailOnce),
-- stops it with a savepoint halfway, and starts this script from that savepoint, after
-- sql/scenarios/init.sql (the settings, the input table `numbers`, the print sink, PACE).
-- The new version calls the function RunningSum: keep that name.

SET 'pipeline.name' = 'exercise-upgrade-without-uid';

CREATE FUNCTION RunningSum AS 'com.example.checkpointdemo.functions.SumAndFailOnce';

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/upgrade', 'format' = 'csv');

CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v
FROM numbers;

CREATE VIEW running_sums AS
SELECT *
FROM RunningSum(input => TABLE numbers_keyed PARTITION BY k, uid => 'SumAndFailOnce');

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
