-- Scenario state-flag: the original's "failed once" flag kept in state, and why it never works.
--
-- As sql/checkpoint_demo.sql, but with SumAndFailOnceStateFlag: it remembers in its checkpointed
-- state that it has failed. Checkpoints do complete here, yet every restore brings the flag back
-- as it was checkpointed, false, so the failure at v = 8 repeats on every attempt: 1 + 3
-- restarts = 4 injected failures, and the job ends FAILED. What it had committed stays exact.
--
--   bin/demo scenario state-flag
--   sql-client.sh -i sql/scenarios/init.sql -f sql/scenarios/state_flag.sql -j target/udf.jar

SET 'pipeline.name' = 'scenario-state-flag';

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/state_flag', 'format' = 'csv');

CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v
FROM numbers;

CREATE VIEW running_sums AS
SELECT *
FROM SumAndFailOnceStateFlag(input => TABLE numbers_keyed PARTITION BY k, fail_on => 8);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
