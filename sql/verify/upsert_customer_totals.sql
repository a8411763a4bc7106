-- An upsert sink: each customer's order count and total, a regular GROUP BY whose result changes
-- with every order, kept in upsert-kafka (one record per change, keyed by customer; a reader keeps
-- the last value of each key). Checkpoints go to an object store (s3://).
-- The sink is at-least-once on purpose: after a restore it writes some keys' values again, and an
-- upsert reader's table does not mind: the final table is exact without transactions (idempotence).
--   bin/demo verify sql/verify/upsert_customer_totals.sql --faults store-restart,tm-kill --pace 25
SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '2';
SET 'pipeline.name' = 'verify-upsert-customer-totals';
SET 'execution.checkpointing.interval' = '500ms';
SET 'execution.checkpointing.mode' = 'EXACTLY_ONCE';
SET 'execution.checkpointing.dir' = 's3://demo/verify-checkpoints';
SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.attempts' = '10';
SET 'restart-strategy.fixed-delay.delay' = '500ms';

CREATE TABLE orders (
  order_id BIGINT,
  customer STRING,
  amount BIGINT,
  order_time TIMESTAMP(3)
) WITH (
  'connector' = 'filesystem',
  'path' = 'data/verify/orders.csv',
  'format' = 'csv'
);

CREATE TABLE customer_totals (
  customer STRING,
  orders BIGINT,
  total BIGINT,
  PRIMARY KEY (customer) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'customer-totals',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'key.format' = 'json',
  'value.format' = 'json',
  'sink.delivery-guarantee' = 'at-least-once'
);

INSERT INTO customer_totals
SELECT customer, COUNT(*), SUM(amount)
FROM orders
GROUP BY customer;
