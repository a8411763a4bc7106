-- Caught: the Kafka-to-Kafka job of sql/verify/kafka_running_totals.sql with an at-least-once sink.
-- No transactions: what the sink wrote after the last checkpoint stays in the topic when the job
-- fails, and the restored job writes it again. Every consumer sees those rows twice.
--   bin/demo verify sql/verify/catch/at_least_once_kafka_sink.sql --input orders=data/verify/orders.csv --pace 25   (exit 1: DUPLICATED)
SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '1';
SET 'pipeline.name' = 'verify-at-least-once-kafka-sink';
-- Every 2 s, as many jobs do: what the sink wrote since the last checkpoint is what a failure puts at risk.
SET 'execution.checkpointing.interval' = '2s';
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
  'connector' = 'kafka',
  'topic' = 'orders',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'running-totals',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'csv'
);

CREATE TABLE running_totals (
  order_id BIGINT,
  customer STRING,
  amount BIGINT,
  customer_total BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = 'running-totals',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'format' = 'csv',
  -- The trap: the team believes this sink is exactly-once. The fix: 'exactly-once' with a
  -- 'sink.transactional-id-prefix', as sql/verify/kafka_running_totals.sql has.
  'sink.delivery-guarantee' = 'at-least-once'
);

-- How the next job downstream reads the topic: only committed transactions.
CREATE TABLE running_totals_downstream (
  order_id BIGINT,
  customer STRING,
  amount BIGINT,
  customer_total BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = 'running-totals',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'csv'
);

INSERT INTO running_totals
SELECT order_id, customer, amount,
  SUM(amount) OVER (PARTITION BY customer ORDER BY order_time ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
FROM orders;
