-- Checkpoint-based state recovery, in Flink SQL.
--
-- A running sum over the numbers 1..20 lives in the keyed state of SumAndFailOnce, a
-- ProcessTableFunction. The function fails once, on purpose, at v = 8. Flink restarts the job,
-- restores the state from the last completed checkpoint and carries on: the rows committed by
-- the exactly-once file sink show the sum resuming from that checkpoint, not from zero.
--
-- Run it with the SQL Client:   sql-client.sh -f sql/checkpoint_demo.sql -j target/udf.jar
-- or with the demo's runner:    bin/demo            (prints the recovery report)

-- 1) The job: streaming, one parallel task per operator, the script waits for it to end.
SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '1';
SET 'pipeline.name' = 'checkpoint-demo';
SET 'table.dml-sync' = 'true';

-- 2) Checkpoints: one per second, exactly-once, kept when the job is cancelled.
SET 'execution.checkpointing.interval' = '1s';
SET 'execution.checkpointing.mode' = 'EXACTLY_ONCE';
SET 'execution.checkpointing.timeout' = '60s';
SET 'execution.checkpointing.min-pause' = '500ms';
SET 'execution.checkpointing.max-concurrent-checkpoints' = '1';
SET 'execution.checkpointing.externalized-checkpoint-retention' = 'RETAIN_ON_CANCELLATION';
SET 'execution.checkpointing.dir' = 'file:///tmp/flink-checkpoint-demo/checkpoints';

-- 3) Failover: restart up to 3 times, 2 s apart, from the last completed checkpoint.
SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.attempts' = '3';
SET 'restart-strategy.fixed-delay.delay' = '2s';

-- 4) Input: one number per line. Relative paths are resolved against the working directory.
CREATE TABLE numbers (
  v BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = 'data/checkpoint_numbers.csv',
  'format' = 'csv'
);

-- 5) Outputs. The print sink shows everything the function emitted, replays included; the file
--    sink commits a row only when the checkpoint after it completes, so it holds each row once.
CREATE TABLE printed_sums (
  k STRING,
  v BIGINT,
  running_sum BIGINT,
  attempt INT
) WITH (
  'connector' = 'print',
  'print-identifier' = 'SUM'
);

CREATE TABLE committed_sums (
  k STRING,
  v BIGINT,
  running_sum BIGINT,
  attempt INT
) WITH (
  'connector' = 'filesystem',
  'path' = 'output/committed_sums',
  'format' = 'csv'
);

-- 6) The functions, from udf.jar.
CREATE FUNCTION PACE AS 'com.example.checkpointdemo.functions.Pace';
CREATE FUNCTION SumAndFailOnce AS 'com.example.checkpointdemo.functions.SumAndFailOnce';

-- 7) One key for all rows, as the original's keyBy(v -> "all"). PACE sleeps 200 ms per row here,
--    before the keyed exchange, so a checkpoint barrier never waits behind buffered rows.
CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v
FROM numbers;

CREATE VIEW running_sums AS
SELECT *
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k, fail_on => 8);

-- 8) One job feeding both sinks.
EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT * FROM running_sums;
  INSERT INTO committed_sums SELECT * FROM running_sums;
END;
