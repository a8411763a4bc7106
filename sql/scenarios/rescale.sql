-- Scenario rescale: three keys on two parallel tasks, stopped with a savepoint, resumed on three.
--
-- k = v % 3 spreads the numbers over three keys; parallelism 2 spreads the keys over two tasks.
-- `bin/demo scenario rescale` stops the job with a savepoint once a checkpoint has completed,
-- then runs this script again from the savepoint at parallelism 3, as you would in the SQL
-- Client, before the INSERT:
--
--   SET 'parallelism.default' = '3';
--   SET 'execution.state-recovery.path' = 'file:///tmp/flink-checkpoint-demo/savepoints/savepoint-<...>';
--
-- Keyed state is stored in key groups, not per task, so the three sums are redistributed over
-- the new tasks; each key's final sum is right and nothing is lost or committed twice.
--
--   bin/demo scenario rescale
--   sql-client.sh -i sql/scenarios/init.sql -f sql/scenarios/rescale.sql -j target/udf.jar   (one run)

SET 'parallelism.default' = '2';
SET 'pipeline.name' = 'scenario-rescale';

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/rescale', 'format' = 'csv');

CREATE VIEW numbers_keyed AS
SELECT CAST(v % 3 AS STRING) AS k, PACE(v, 200) AS v
FROM numbers;

CREATE VIEW running_sums AS
SELECT *
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
