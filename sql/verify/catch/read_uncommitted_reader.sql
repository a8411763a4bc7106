-- Caught: the exactly-once job of sql/verify/kafka_running_totals.sql, read downstream at Kafka's
-- default isolation level, read_uncommitted. A failure aborts the transaction the sink had open;
-- its records stay in the topic, marked aborted, and a read_uncommitted reader takes them as rows.
-- They equal the rows the restored job commits again, so the reader sees those twice.
--   bin/demo verify sql/verify/catch/read_uncommitted_reader.sql --input orders=data/verify/orders.csv --pace 25   (exit 1: DUPLICATED)
SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '1';
SET 'pipeline.name' = 'verify-read-uncommitted-reader';
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
  'sink.delivery-guarantee' = 'exactly-once',
  'sink.transactional-id-prefix' = 'running-totals',
  'properties.transaction.timeout.ms' = '600000'
);

-- How the next job downstream reads the topic. The trap: no 'properties.isolation.level', so
-- Kafka's default, read_uncommitted. The fix: 'properties.isolation.level' = 'read_committed'.
CREATE TABLE running_totals_downstream (
  order_id BIGINT,
  customer STRING,
  amount BIGINT,
  customer_total BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = 'running-totals',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'csv'
);

INSERT INTO running_totals
SELECT order_id, customer, amount,
  SUM(amount) OVER (PARTITION BY customer ORDER BY order_time ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
FROM orders;
