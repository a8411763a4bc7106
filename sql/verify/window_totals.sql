-- An event-time tumbling window: each customer's orders and their total, every 5 s of order time.
-- A job bin/demo verify proves: run it fault-free, run it again with a TaskManager killed (or
-- paused, or the leading JobManager killed) mid-window, and compare what the file sink committed.
--   bin/demo verify sql/verify/window_totals.sql --pace 25
SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '2';
SET 'pipeline.name' = 'verify-window-totals';
SET 'execution.checkpointing.interval' = '500ms';
SET 'execution.checkpointing.mode' = 'EXACTLY_ONCE';
SET 'execution.checkpointing.dir' = 'file:///tmp/flink-checkpoint-demo/verify-checkpoints';
SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.attempts' = '10';
SET 'restart-strategy.fixed-delay.delay' = '500ms';

CREATE TABLE orders (
  order_id BIGINT,
  customer STRING,
  amount BIGINT,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = 'data/verify/orders.csv',
  'format' = 'csv'
);

CREATE TABLE window_totals (
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  customer STRING,
  orders BIGINT,
  total BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = 'output/verify/window_totals',
  'format' = 'csv'
);

INSERT INTO window_totals
SELECT window_start, window_end, customer, COUNT(*), SUM(amount)
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '5' SECOND))
GROUP BY window_start, window_end, customer;
