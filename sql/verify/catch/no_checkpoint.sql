-- A job whose checkpoints never complete while it runs (one an hour): a fault restarts it from
-- scratch, and its file output may well be exact, but recovery from a checkpoint was never
-- exercised. bin/demo verify says so (CANNOT VERIFY, exit 2), rather than VERIFIED.
SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '2';
SET 'execution.checkpointing.interval' = '1h';
SET 'execution.checkpointing.min-pause' = '1h';
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

CREATE TABLE big_orders (
  order_id BIGINT,
  customer STRING,
  amount BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = 'output/verify/big_orders',
  'format' = 'csv'
);

INSERT INTO big_orders
SELECT order_id, customer, amount FROM orders WHERE amount > 50;
