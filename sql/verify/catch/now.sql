-- A job whose output depends on when it runs: NOW() is another value in every run and after every
-- restart, so no fault-free run can be its reference. bin/demo verify refuses it (exit 2), naming
-- the line, unless told which columns to leave out of the comparison (--ignore-column).
SET 'execution.runtime-mode' = 'streaming';
SET 'execution.checkpointing.interval' = '500ms';

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

CREATE TABLE stamped_orders (
  order_id BIGINT,
  amount BIGINT,
  seen_at TIMESTAMP_LTZ(3)
) WITH (
  'connector' = 'filesystem',
  'path' = 'output/verify/stamped_orders',
  'format' = 'csv'
);

INSERT INTO stamped_orders
SELECT order_id, amount, NOW()
FROM orders;
