-- Scenario ttl-downtime: state with a TTL, and a job stopped longer than it.
--
-- SumWithTtl keeps the running sum with @StateHint(ttl = "3 s"): a key's sum expires 3 s after it
-- was last written. While the job runs, every row writes it again. The scenario stops the job
-- with a savepoint, waits longer than the TTL, and starts it again from the savepoint: the
-- savepoint's files still hold the sum, but Flink's TTL counts processing time, down or not, and
-- the restarted job reads the sum as expired: it goes on from 0.
--
--   bin/demo scenario ttl-downtime
--   sql-client.sh -i sql/scenarios/init.sql -f sql/scenarios/ttl_downtime.sql -j target/udf.jar

SET 'pipeline.name' = 'scenario-ttl-downtime';

CREATE FUNCTION SumWithTtl AS 'com.example.checkpointdemo.functions.SumWithTtl';

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/ttl_downtime', 'format' = 'csv');

CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v
FROM numbers;

CREATE VIEW running_sums AS
SELECT *
FROM SumWithTtl(input => TABLE numbers_keyed PARTITION BY k);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
