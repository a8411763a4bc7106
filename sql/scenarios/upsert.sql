-- Scenario upsert: an aggregation into upsert-kafka, across a restore.
--
-- The demo's running sum, and beside it a regular GROUP BY: per key, the total of the numbers and
-- how many were read, kept in the aggregation's state and written to an upsert-kafka topic, one
-- record per change, keyed by k. The sink is at-least-once: no transactions. The job fails at
-- v = 8; the rows after the restored checkpoint are aggregated again, and the changelog gets their
-- totals a second time (a reader sees the key go back, then on again). The final table, the last
-- value of each key, is exact all the same: an upsert is idempotent, where an append is not.
--
--   bin/demo scenario upsert
--   sql-client.sh -i sql/scenarios/init.sql -f sql/scenarios/upsert.sql -j target/udf.jar  (with a broker: bin/kafka start)

SET 'pipeline.name' = 'scenario-upsert';

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/upsert', 'format' = 'csv');

-- One row per key, updated with every number: the key in the record's key, the row in its value.
CREATE TABLE totals (
  k STRING,
  total BIGINT,
  numbers BIGINT,
  PRIMARY KEY (k) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'scenario-upsert-totals',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'key.format' = 'json',
  'value.format' = 'json',
  'sink.delivery-guarantee' = 'at-least-once'
);

CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v
FROM numbers;

CREATE VIEW running_sums AS
SELECT *
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k, fail_on => 8);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO totals SELECT k, SUM(v), COUNT(*) FROM numbers_keyed GROUP BY k;
END;
