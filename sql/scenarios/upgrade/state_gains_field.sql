-- Upgrade lesson upgrade-state-gains-field: a new version of the function whose state has one
-- more field.
--
-- SumAndCount keeps SumAndFailOnce's running sum and also counts the rows; it is registered
-- under the old name, as a new jar of the same function would be, so the uid is the same. Flink
-- 2.3.0 finds the state but cannot read the old rows as the new type: every attempt fails with a
-- StateMigrationException. Nothing is lost: the savepoint still holds the sum.
--
--   bin/demo scenario upgrade-state-gains-field

SET 'pipeline.name' = 'upgrade-state-gains-field';

DROP FUNCTION SumAndFailOnce;
CREATE FUNCTION SumAndFailOnce AS 'com.example.checkpointdemo.functions.SumAndCount';

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/upgrade', 'format' = 'csv');

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
