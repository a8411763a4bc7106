-- Scenario at-least-once: what AT_LEAST_ONCE checkpointing does to state, not only to output.
--
-- The running sum gets its numbers from two sources this time, odd numbers from one, even numbers
-- from the other (the file read twice), so its task has two input channels and a checkpoint's
-- barrier comes down each. The even source is slow on purpose: PACE holds v = 2 back 5 s, so its
-- barrier comes late, while the odd numbers flow at 300 ms a row.
--
-- EXACTLY_ONCE aligns: once the odd source's barrier is in, the task reads no more odd numbers
-- until the even source's barrier comes, and the checkpoint holds exactly the numbers before both.
-- AT_LEAST_ONCE does not wait: it goes on counting odd numbers past their barrier, and the
-- checkpoint, taken when the last barrier comes, holds a sum that already counts them. The job
-- fails at v = 4 and restores it; the odd source rewinds to its barrier and sends those numbers
-- again: counted twice. The sum ends above 210, and the committed output holds them twice.
-- bin/demo scenario at-least-once runs the script with this mode, then with EXACTLY_ONCE.
--
--   bin/demo scenario at-least-once
--   sql-client.sh -i sql/scenarios/init.sql -f sql/scenarios/at_least_once.sql -j target/udf.jar

SET 'pipeline.name' = 'scenario-at-least-once';
SET 'execution.checkpointing.mode' = 'AT_LEAST_ONCE';
-- Two scans of numbers, not one shared: two sources, two input channels.
SET 'table.optimizer.reuse-source-enabled' = 'false';

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/at_least_once', 'format' = 'csv');

CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 300) AS v
FROM numbers
WHERE MOD(v, 2) = 1
UNION ALL
SELECT 'all' AS k, PACE(v, CASE v WHEN 2 THEN 5000 WHEN 4 THEN 1000 ELSE 100 END) AS v
FROM numbers
WHERE MOD(v, 2) = 0;

CREATE VIEW running_sums AS
SELECT k, v, running_sum, attempt, processed_at
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k, fail_on => 4);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
