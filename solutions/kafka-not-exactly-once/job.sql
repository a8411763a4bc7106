-- A solution of the exercise kafka-not-exactly-once (exercises/kafka-not-exactly-once/TASK.md):
-- both Kafka sinks exactly-once. An at-least-once sink writes each row as it comes and flushes at
-- each checkpoint, so the rows written after the restored checkpoint are in the topic twice once
-- the restarted job writes them again. An exactly-once sink writes them in a transaction that
-- commits only when the checkpoint after them completes; the restore aborts the open one, and a
-- read_committed consumer never sees its rows. It needs a transactional id prefix unique per
-- sink, and a transaction timeout the broker accepts.
--
--   bin/demo check kafka-not-exactly-once --file solutions/kafka-not-exactly-once/job.sql

-- 1) The job, its checkpoints and its restarts: as sql/checkpoint_demo.sql.
SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '1';
SET 'pipeline.name' = 'exercise-kafka-not-exactly-once';
SET 'table.dml-sync' = 'true';
SET 'pipeline.object-reuse' = 'true';
SET 'execution.checkpointing.interval' = '1s';
SET 'execution.checkpointing.mode' = 'EXACTLY_ONCE';
SET 'execution.checkpointing.timeout' = '60s';
SET 'execution.checkpointing.min-pause' = '500ms';
SET 'execution.checkpointing.max-concurrent-checkpoints' = '1';
SET 'execution.checkpointing.externalized-checkpoint-retention' = 'RETAIN_ON_CANCELLATION';
SET 'execution.checkpointing.dir' = 'file:///tmp/flink-checkpoint-demo/checkpoints';
SET 'execution.checkpointing.savepoint-dir' = 'file:///tmp/flink-checkpoint-demo/savepoints';
SET 'execution.checkpointing.snapshot-compression' = 'true';
SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.attempts' = '3';
SET 'restart-strategy.fixed-delay.delay' = '2s';

-- 2) Input: one record per line of the file, read whole as text. The checkpoint keeps the
--    partition's next offset; the restarted job reads on from there. Bounded: the job ends at
--    the offsets the topic had when it started. With a group.id, the source also commits its
--    offsets to the group when a checkpoint completes (for monitoring; it restores from its own).
CREATE TABLE lines (
  line STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'checkpoint-demo-numbers',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'checkpoint-demo',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'raw'
);

-- 3) Outputs. The print sink shows everything the function emitted, replays included. The Kafka
--    sinks write each checkpoint's rows in a transaction and commit it when the checkpoint
--    completes: exactly once, for a consumer that reads committed records only.
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
  'connector' = 'kafka',
  'topic' = 'checkpoint-demo-sums',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'format' = 'csv',
  'sink.delivery-guarantee' = 'exactly-once',
  -- Unique per job and Kafka cluster: a second job with the same prefix would fence this one's producers.
  'sink.transactional-id-prefix' = 'checkpoint-demo-sums',
  -- At most the broker's transaction.max.timeout.ms (15 min by default). Left out, the sink asks
  -- for 1 h and the broker refuses every transaction: every attempt fails before a row (bin/demo scenario
  -- kafka-timeout). It is also how long the job may be down before its open transactions are lost.
  'properties.transaction.timeout.ms' = '600000'
);

-- Lines that are not numbers, kept with the reason instead of failing the job on every attempt.
CREATE TABLE rejected_rows (
  line STRING,
  reason STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'checkpoint-demo-rejects',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'format' = 'csv',
  'sink.delivery-guarantee' = 'exactly-once',
  'sink.transactional-id-prefix' = 'checkpoint-demo-rejects',
  'properties.transaction.timeout.ms' = '600000'
);

-- 4) The functions, from udf.jar.
CREATE FUNCTION PACE AS 'com.example.checkpointdemo.functions.Pace';
CREATE FUNCTION SumAndFailOnce AS 'com.example.checkpointdemo.functions.SumAndFailOnce';

-- 5) Parse as sql/checkpoint_demo.sql does: a value is a base-10 integer that fits a BIGINT, once
--    trimmed; blank lines are skipped; every other line is rejected.
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

-- 6) Paced in the source's task, before the keyed exchange, so that a checkpoint's barrier never
--    waits behind buffered records (without it no checkpoint completes before the failure).
CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v
FROM parsed_lines
WHERE reason IS NULL;

CREATE VIEW running_sums AS
SELECT *
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k, fail_on => 8);

-- 7) One job feeding the sinks. Both kinds of rejects go through one INSERT: two Kafka sinks with
--    one transactional id prefix in a job would collide ("Writable backchannel already exists").
EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums
    SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums
    SELECT k, v, running_sum, attempt, processed_at FROM running_sums WHERE reject_reason IS NULL;
  INSERT INTO rejected_rows
    SELECT CAST(v AS STRING), reject_reason FROM running_sums WHERE reject_reason IS NOT NULL
    UNION ALL
    SELECT line, reason FROM parsed_lines WHERE reason IS NOT NULL;
END;
