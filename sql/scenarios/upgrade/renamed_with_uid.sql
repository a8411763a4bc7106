-- Upgrade lesson upgrade-renamed-with-uid: the function renamed, its uid kept.
--
-- deployed.sql called SumAndFailOnce with no uid, so its state is kept under the uid
-- SumAndFailOnce. Here the function is called RunningSum, and the call names the old uid: Flink
-- finds the state again, and the sum goes on from the savepoint's.
--
--   bin/demo scenario upgrade-renamed-with-uid

SET 'pipeline.name' = 'upgrade-renamed-with-uid';

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
