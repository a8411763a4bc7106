-- Scenario no-checkpoint: the original's pacing placement, and why a final 210 proves nothing.
--
-- As sql/checkpoint_demo.sql, with one change: PACE sleeps AFTER SumAndFailOnce, in the stateful
-- task, as the original's Thread.sleep did inside its KeyedProcessFunction. Nothing slows the
-- source down, so it pushes all 20 rows into the network buffers at once, and the barrier of
-- checkpoint 1 queues behind them. The failure at v = 8 comes before any checkpoint completes:
-- Flink restarts from scratch, re-reads the file, and still ends at 210.
--
--   bin/demo scenario no-checkpoint
--   sql-client.sh -i sql/scenarios/init.sql -f sql/scenarios/no_checkpoint.sql -j target/udf.jar

SET 'pipeline.name' = 'scenario-no-checkpoint';

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/no_checkpoint', 'format' = 'csv');

-- No pacing before the keyed exchange ...
CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, v
FROM numbers;

-- ... but 200 ms per row after the function, in the same task: the original's placement.
CREATE VIEW running_sums AS
SELECT k, PACE(v, 200) AS v, running_sum, attempt, processed_at
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k, fail_on => 8);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
