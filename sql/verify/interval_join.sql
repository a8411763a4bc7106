-- An interval join: each order with the payment made for it within 10 s of order time (a late
-- payment, or none, leaves the order out). Both sides keep state until the interval has passed.
--   bin/demo verify sql/verify/interval_join.sql --pace 25
SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '2';
SET 'pipeline.name' = 'verify-interval-join';
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

CREATE TABLE payments (
  payment_id BIGINT,
  order_id BIGINT,
  paid BIGINT,
  pay_time TIMESTAMP(3),
  WATERMARK FOR pay_time AS pay_time - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = 'data/verify/payments.csv',
  'format' = 'csv'
);

CREATE TABLE paid_orders (
  order_id BIGINT,
  customer STRING,
  amount BIGINT,
  payment_id BIGINT,
  paid BIGINT,
  seconds_to_pay BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = 'output/verify/paid_orders',
  'format' = 'csv'
);

INSERT INTO paid_orders
SELECT o.order_id, o.customer, o.amount, p.payment_id, p.paid,
       TIMESTAMPDIFF(SECOND, o.order_time, p.pay_time)
FROM orders o, payments p
WHERE o.order_id = p.order_id
  AND p.pay_time BETWEEN o.order_time AND o.order_time + INTERVAL '10' SECOND;
