-- Scenario timers: an event-time timer across a restore.
--
-- Each number v carries the event time of v seconds (a watermark follows it). SumWithTimer keeps
-- the running sum and, on the key's first row (v = 1, attempt 0), registers a timer for the
-- event time of v = 12. The job fails at v = 8. The restored checkpoint holds the first row, and
-- with it the timer: the restarted job never sees v = 1 again, yet once the watermark passes
-- 12 s the timer fires, once, on attempt 1. Its row goes to fired_timers. The watermark does not
-- come back with it: attempt 1's first row sees none, the next ones the watermark of the rows
-- read since the restore.
--
--   bin/demo scenario timers
--   sql-client.sh -i sql/scenarios/init.sql -f sql/scenarios/timers.sql -j target/udf.jar

SET 'pipeline.name' = 'scenario-timers';

CREATE FUNCTION SumWithTimer AS 'com.example.checkpointdemo.functions.SumWithTimer';

-- init.sql's numbers, given an event time: v seconds after the epoch, in order, so the watermark
-- is the time of the latest number.
ALTER TABLE numbers ADD (
  ts AS TO_TIMESTAMP_LTZ(v * 1000, 3),
  WATERMARK FOR ts AS ts
);

-- With the watermark the function had seen at each row (empty before the first): a restore starts
-- watermarks again, they are not in the checkpoint.
CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3), seen_watermark TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/timers', 'format' = 'csv');

CREATE TABLE fired_timers (timer STRING, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/timers_fired', 'format' = 'csv');

CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v, ts
FROM numbers;

CREATE VIEW running_sums AS
SELECT *
FROM SumWithTimer(input => TABLE numbers_keyed PARTITION BY k, on_time => DESCRIPTOR(ts), fail_on => 8, fire_at => 12);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums WHERE timer IS NULL;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at, seen_watermark FROM running_sums WHERE timer IS NULL;
  INSERT INTO fired_timers SELECT timer, running_sum, attempt, processed_at FROM running_sums WHERE timer IS NOT NULL;
END;
