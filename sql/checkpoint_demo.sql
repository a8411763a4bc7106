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
-- Chained operators hand rows on without copying them: twice the throughput of the function
-- (bin/demo bench). Safe here: no operator of this job keeps a row it has passed on.
SET 'pipeline.object-reuse' = 'true';

-- 2) Checkpoints: one per second, exactly-once, kept when the job is cancelled.
SET 'execution.checkpointing.interval' = '1s';
SET 'execution.checkpointing.mode' = 'EXACTLY_ONCE';
SET 'execution.checkpointing.timeout' = '60s';
SET 'execution.checkpointing.min-pause' = '500ms';
SET 'execution.checkpointing.max-concurrent-checkpoints' = '1';
SET 'execution.checkpointing.externalized-checkpoint-retention' = 'RETAIN_ON_CANCELLATION';
SET 'execution.checkpointing.dir' = 'file:///tmp/flink-checkpoint-demo/checkpoints';
-- Compressed snapshots are smaller, and restored ten times faster: Flink 2.3 reads an
-- uncompressed heap snapshot byte by byte.
SET 'execution.checkpointing.snapshot-compression' = 'true';

-- 3) Failover: restart up to 3 times, 2 s apart, from the last completed checkpoint.
SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.attempts' = '3';
SET 'restart-strategy.fixed-delay.delay' = '2s';

-- 4) Input: one number per line, each line read whole as text (a CSV of one column that never
--    splits: no quotes, and a delimiter no text has). Relative paths resolve against the working
--    directory. Not a typed `v BIGINT` column (as the one-file programs read it): a line that is
--    not a number would fail the job on every attempt; as text it becomes a rejected row (7).
--    Not the 'raw' format: on a second restore in one job, Flink 2.3.0 re-reads rows.
CREATE TABLE lines (
  line STRING
) WITH (
  'connector' = 'filesystem',
  'path' = 'data/checkpoint_numbers.csv',
  'format' = 'csv',
  'csv.field-delimiter' = U&'\0001',
  'csv.disable-quote-character' = 'true'
);

-- 5) Outputs. The print sink shows everything the function emitted, replays included; the file
--    sinks commit a row only when the checkpoint after it completes, so they hold each row once.
CREATE TABLE printed_sums (
  k STRING,
  v BIGINT,
  running_sum BIGINT,
  attempt INT,
  processed_at TIMESTAMP_LTZ(3)
) WITH (
  'connector' = 'print',
  'print-identifier' = 'SUM'
);

CREATE TABLE committed_sums (
  k STRING,
  v BIGINT,
  running_sum BIGINT,
  attempt INT,
  processed_at TIMESTAMP_LTZ(3)
) WITH (
  'connector' = 'filesystem',
  'path' = 'output/committed_sums',
  'format' = 'csv'
);

-- Lines that are not numbers, kept with the reason instead of failing the job on every attempt.
CREATE TABLE rejected_rows (
  line STRING,
  reason STRING
) WITH (
  'connector' = 'filesystem',
  'path' = 'output/rejected_rows',
  'format' = 'csv'
);

-- 6) The functions, from udf.jar.
CREATE FUNCTION PACE AS 'com.example.checkpointdemo.functions.Pace';
CREATE FUNCTION SumAndFailOnce AS 'com.example.checkpointdemo.functions.SumAndFailOnce';

-- 7) Parse: a value is a base-10 integer that fits a BIGINT, once trimmed of spaces, tabs and
--    \r. Blank lines are skipped, as the original did; every other line is rejected. (TRY_CAST
--    alone would accept '1.5' as 1, hence the pattern.)
CREATE VIEW parsed_lines AS
SELECT
  line,
  CASE WHEN REGEXP(text, '^[+-]?[0-9]+$') THEN TRY_CAST(text AS BIGINT) END AS v,
  CASE
    WHEN NOT REGEXP(text, '^[+-]?[0-9]+$') THEN 'not an integer'
    WHEN TRY_CAST(text AS BIGINT) IS NULL THEN 'out of the BIGINT range'
  END AS reason
FROM (SELECT line, REGEXP_REPLACE(line, '^[ \t\r]+|[ \t\r]+$', '') AS text FROM lines)
WHERE text <> '';

-- 8) One key for all values, as the original's keyBy(v -> "all"). PACE sleeps 200 ms per row
--    here, before the keyed exchange, so a checkpoint barrier never waits behind buffered rows.
CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v
FROM parsed_lines
WHERE reason IS NULL;

-- 9) The running sum: k, v, running_sum, attempt (0, then 1 after a restart), processed_at, and a
--    reject_reason for a value it cannot add.
CREATE VIEW running_sums AS
SELECT *
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k, fail_on => 8);

-- 10) One job feeding the three sinks.
EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums
    SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums
    SELECT k, v, running_sum, attempt, processed_at FROM running_sums WHERE reject_reason IS NULL;
  INSERT INTO rejected_rows
    SELECT CAST(v AS STRING), reject_reason FROM running_sums WHERE reject_reason IS NOT NULL;
  INSERT INTO rejected_rows
    SELECT line, reason FROM parsed_lines WHERE reason IS NOT NULL;
END;
