-- Kafka to Kafka: each order with its customer's running total, written exactly once. The orders
-- come from a Kafka topic; an OVER aggregation keeps each customer's total in state; the rows go to
-- a Kafka topic through the transactional sink. A reader of that topic (declared below) reads it
-- with read_committed, as every consumer of an exactly-once topic must.
--   bin/demo verify sql/verify/kafka_running_totals.sql --input orders=data/verify/orders.csv --faults broker-kill,tm-kill --pace 25
SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '1';
SET 'pipeline.name' = 'verify-kafka-running-totals';
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
  'sink.delivery-guarantee' = 'exactly-once',
  'sink.transactional-id-prefix' = 'running-totals',
  'properties.transaction.timeout.ms' = '600000'
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
