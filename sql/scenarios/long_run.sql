-- A job long enough to kill a cluster's processes under it: the numbers 1..300 at 200 ms a row,
-- about a minute, with no injected failure (here the faults are the processes you kill).
--
--   bin/cluster start --ha
--   bin/sql-client --remote -i sql/scenarios/init.sql -f sql/scenarios/long_run.sql -j target/udf.jar &
--   bin/cluster status --await-checkpoint      then  bin/cluster kill-taskmanager  (or kill-jobmanager)
--
-- The committed rows land in output/scenarios/long_run: 300 rows, the last one's running_sum 45150.

SET 'pipeline.name' = 'long-run';

CREATE TABLE numbers_1_to_300 (v BIGINT) WITH (
  'connector' = 'filesystem', 'path' = 'data/numbers_1_to_300.csv', 'format' = 'csv');

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/long_run', 'format' = 'csv');

-- Paced before the keyed exchange, so that each checkpoint's barrier follows the current row.
CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v
FROM numbers_1_to_300;

CREATE VIEW running_sums AS
SELECT *
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
