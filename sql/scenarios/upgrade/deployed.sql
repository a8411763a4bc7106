-- The upgrade lessons: the job as first deployed.
--
-- The upgrade-* scenarios (but the compiled-plan one, which deploys planned.sql) run this script,
-- take a savepoint of its job once it has written rows, and start a changed script from that
-- savepoint, as you would upgrade a job. Most stop the job as `flink stop` does (the savepoint
-- commits what it covers); upgrade-filter-added as `flink savepoint` then `flink cancel` do:
--
--   sql-client.sh -i sql/scenarios/init.sql -f sql/scenarios/upgrade/deployed.sql -j target/udf.jar
--   flink stop --savepointPath file:///tmp/flink-checkpoint-demo/savepoints <job id>
--   -- then, in the changed script, before its INSERT:
--   SET 'execution.state-recovery.path' = 'file:///tmp/flink-checkpoint-demo/savepoints/savepoint-<...>';
--
-- The call has no uid: the PTF's operator takes the name it is called by, SumAndFailOnce, as its
-- uid, and its state is found again under that name.

SET 'pipeline.name' = 'upgrade-deployed';

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
