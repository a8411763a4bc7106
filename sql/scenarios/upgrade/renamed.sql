-- Upgrade lesson upgrade-renamed: the function renamed, without a uid.
--
-- The call's name is its uid, so RunningSum is a new operator to Flink, and the savepoint's
-- SumAndFailOnce state belongs to none. Started from the savepoint as written, the job does not
-- start ("Cannot map checkpoint/savepoint state ..."). With
--
--   SET 'execution.state-recovery.ignore-unclaimed-state' = 'true';
--
-- it starts, drops that state without an error, and the sum begins again at 0: the scenario runs
-- this script both ways.
--
--   bin/demo scenario upgrade-renamed

SET 'pipeline.name' = 'upgrade-renamed';

CREATE FUNCTION RunningSum AS 'com.example.checkpointdemo.functions.SumAndFailOnce';

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/upgrade', 'format' = 'csv');

CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v
FROM numbers;

CREATE VIEW running_sums AS
SELECT *
FROM RunningSum(input => TABLE numbers_keyed PARTITION BY k);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
