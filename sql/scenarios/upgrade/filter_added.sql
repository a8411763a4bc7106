-- Upgrade lesson upgrade-filter-added: the query changed in front of the function.
--
-- A filter now drops what is not a positive number before the running sum (the input has none, so
-- the sums stay the same). In a view of its own, after PACE (which is not deterministic, so the
-- planner does not fold the two into one operator), it is a new operator in front of the
-- function. The function keeps its state: its uid is its name. The file sink's writer has no
-- uid: Flink knows it by its place in the graph, which the new operator changed. Started from
-- the savepoint as written, the job does not start ("Cannot map checkpoint/savepoint state for
-- operator ..." names the writer). With
--
--   SET 'execution.state-recovery.ignore-unclaimed-state' = 'true';
--
-- it starts and drops the writer's state without an error: the rows the savepoint held
-- uncommitted are never committed. The scenario takes the savepoint the way `flink savepoint`
-- then `flink cancel` do, with no checkpoint before it, so that the savepoint holds such rows
-- (`flink stop` would have committed them first).
--
--   bin/demo scenario upgrade-filter-added

SET 'pipeline.name' = 'upgrade-filter-added';

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

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
