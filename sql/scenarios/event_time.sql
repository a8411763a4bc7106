-- Scenario event-time: a tumbling event-time window across a restore.
--
-- Each number v carries the event time of v seconds. SumAndFailOnce keeps the running sum (and
-- fails at v = 8, as in the demo) with on_time => DESCRIPTOR(ts), so its rows keep their event
-- time (the rowtime column), and a 5-second tumbling window totals them: [0 s, 5 s) holds 1..4,
-- [5 s, 10 s) 5..9, and so on. The failure comes while [5 s, 10 s) is open: its partial total is
-- in the restored checkpoint's window state. Each window fires when the watermark passes its
-- end, and the file sink commits what a completed checkpoint covers: every window once in the
-- committed output, with the total of its numbers.
--
--   bin/demo scenario event-time
--   sql-client.sh -i sql/scenarios/init.sql -f sql/scenarios/event_time.sql -j target/udf.jar

SET 'pipeline.name' = 'scenario-event-time';
-- Windows over a TIMESTAMP_LTZ time start at a local TIMESTAMP: in UTC, [5 s, 10 s) starts at 00:00:05.
SET 'table.local-time-zone' = 'UTC';

-- init.sql's numbers, given an event time: v seconds after the epoch, in order, so the watermark
-- is the time of the latest number.
ALTER TABLE numbers ADD (
  ts AS TO_TIMESTAMP_LTZ(v * 1000, 3),
  WATERMARK FOR ts AS ts
);

CREATE TABLE committed_sums (k STRING, v BIGINT, running_sum BIGINT, attempt INT, processed_at TIMESTAMP_LTZ(3)) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/event_time', 'format' = 'csv');

-- A window by the second its event time starts at (as a number: the file needs no time zone).
CREATE TABLE window_totals (window_start_second INT, total BIGINT, numbers BIGINT) WITH (
  'connector' = 'filesystem', 'path' = 'output/scenarios/event_time_windows', 'format' = 'csv');

CREATE VIEW numbers_keyed AS
SELECT 'all' AS k, PACE(v, 200) AS v, ts
FROM numbers;

CREATE VIEW running_sums AS
SELECT *
FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k, on_time => DESCRIPTOR(ts), fail_on => 8);

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO printed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO committed_sums SELECT k, v, running_sum, attempt, processed_at FROM running_sums;
  INSERT INTO window_totals
    SELECT TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', window_start), SUM(v), COUNT(*)
    FROM TABLE(TUMBLE(TABLE running_sums, DESCRIPTOR(rowtime), INTERVAL '5' SECOND))
    GROUP BY window_start, window_end;
END;
