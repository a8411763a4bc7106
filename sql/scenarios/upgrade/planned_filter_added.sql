-- Upgrade lesson upgrade-planned-filter-added: the filter of upgrade-filter-added, in a job
-- deployed from a compiled plan.
--
-- COMPILE AND EXECUTE PLAN finds the plan planned.sql compiled and runs it: the changed query
-- below is not compiled at all, and the filter is not in the job. The plan is the job the
-- savepoint was taken of, with the same uid for every operator, the file sink's writer too: all
-- of its state maps, and nothing is lost. To deploy the filter, a new plan must be compiled,
-- and the savepoint then meets the same change as upgrade-filter-added.
--
--   bin/demo scenario upgrade-planned-filter-added

SET 'pipeline.name' = 'upgrade-planned-filter-added';

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/upgrade', 'format' = 'csv');

CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v
FROM numbers;

CREATE VIEW positive_numbers AS
SELECT * FROM numbers_keyed WHERE v > 0;

CREATE VIEW running_sums AS
SELECT *
FROM SumAndFailOnce(input => TABLE positive_numbers PARTITION BY k);

COMPILE AND EXECUTE PLAN 'output/scenarios/upgrade-plan.json' FOR STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
