-- Scenario source-not-replayable: the same job over a source that cannot rewind.
--
-- The numbers of data/checkpoint_numbers.csv come over a TCP connection instead of from the file:
-- the scenario pushes one every 200 ms, as a device or a log shipper would, and what it sent is
-- gone. The socket connector (udf.jar's, Flink's socketTextStream) keeps no position in a
-- checkpoint. The job fails at v = 12 and restores its last checkpoint: the running sum goes back
-- to it, the source connects again and reads on from whatever is sent next. The rows read after
-- that checkpoint were counted in the state that was rolled back, and nobody sends them again:
-- they are lost, exactly those. Over the file (sql/checkpoint_demo.sql) the checkpoint holds the
-- file source's position, and the same rows are read again.
--
--   bin/demo scenario source-not-replayable
--   sql-client.sh -i sql/scenarios/init.sql -f sql/scenarios/source_not_replayable.sql -j target/udf.jar
--     (with a sender of your own listening on 127.0.0.1:9999 that accepts the job again after its
--      failure; bin/demo scenario runs one on a free port and sets the table's 'port')

SET 'pipeline.name' = 'scenario-source-not-replayable';

CREATE TABLE pushed_numbers (v BIGINT) WITH (
  'connector' = 'socket', 'hostname' = '127.0.0.1', 'port' = '9999');

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/source_not_replayable', 'format' = 'csv');

-- No PACE: the sender sets the pace.
CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, v
FROM pushed_numbers;

CREATE VIEW running_sums AS
SELECT k, v, running_sum, attempt, processed_at
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k, fail_on => 12);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
END;
