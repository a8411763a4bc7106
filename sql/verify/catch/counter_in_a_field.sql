-- A function that counts rows in a field of its own, not in Flink's state (shop.SeenSoFar, from a
-- jar passed with -j: the tests build one from src/test/resources/verify/udfs). Fault-free, each
-- order gets its place in the file; after a restore the count starts again from 0 while the
-- source resumes from the checkpoint: bin/demo verify finds CHANGED VALUE rows (exit 1).
--   bin/demo verify sql/verify/catch/counter_in_a_field.sql -j udfs.jar --pace 25
SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '1';
SET 'execution.checkpointing.interval' = '500ms';
SET 'execution.checkpointing.dir' = 'file:///tmp/flink-checkpoint-demo/verify-checkpoints';
SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.attempts' = '10';
SET 'restart-strategy.fixed-delay.delay' = '500ms';

CREATE TEMPORARY FUNCTION SEEN_SO_FAR AS 'shop.SeenSoFar';

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

CREATE TABLE numbered_orders (
  order_id BIGINT,
  customer STRING,
  seen_so_far BIGINT
) WITH (
  'connector' = 'filesystem',
  'path' = 'output/verify/numbered_orders',
  'format' = 'csv'
);

INSERT INTO numbered_orders
SELECT order_id, customer, SEEN_SO_FAR(customer)
FROM orders;
