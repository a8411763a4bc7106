-- The upgrade lessons: the job as first deployed, from a compiled plan.
--
-- COMPILE PLAN writes the optimized job, with an id for each of its operators, to a JSON file;
-- EXECUTE PLAN runs it. The plan, not the SQL, is what you deploy from then on: a later script
-- that says COMPILE AND EXECUTE PLAN with the same file runs the plan it finds there.
-- (force-recompile: a plan left in the file by an earlier run of this lesson is replaced.)
--
--   sql-client.sh -i sql/scenarios/init.sql -f sql/scenarios/upgrade/planned.sql -j target/udf.jar

SET 'pipeline.name' = 'upgrade-planned';
SET 'table.plan.force-recompile' = 'true';

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/upgrade', 'format' = 'csv');

CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v
FROM numbers;

CREATE VIEW running_sums AS
SELECT *
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k);

COMPILE PLAN 'output/scenarios/upgrade-plan.json' FOR STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;

EXECUTE PLAN 'output/scenarios/upgrade-plan.json';
