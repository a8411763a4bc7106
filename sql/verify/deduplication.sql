-- Deduplication: a click delivered twice (the same click_id) is kept once, the first by click time
-- (ROW_NUMBER ... = 1). Its state: every click_id seen, for as long as the job runs.
--   bin/demo verify sql/verify/deduplication.sql --pace 25
SET 'execution.runtime-mode' = 'streaming';
SET 'parallelism.default' = '2';
SET 'pipeline.name' = 'verify-deduplication';
SET 'execution.checkpointing.interval' = '500ms';
SET 'execution.checkpointing.mode' = 'EXACTLY_ONCE';
SET 'execution.checkpointing.dir' = 'file:///tmp/flink-checkpoint-demo/verify-checkpoints';
SET 'restart-strategy.type' = 'fixed-delay';
SET 'restart-strategy.fixed-delay.attempts' = '10';
SET 'restart-strategy.fixed-delay.delay' = '500ms';

CREATE TABLE clicks (
  click_id BIGINT,
  user_id STRING,
  page STRING,
  click_time TIMESTAMP(3),
  WATERMARK FOR click_time AS click_time - INTERVAL '2' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = 'data/verify/clicks.csv',
  'format' = 'csv'
);

CREATE TABLE unique_clicks (
  click_id BIGINT,
  user_id STRING,
  page STRING,
  click_time TIMESTAMP(3)
) WITH (
  'connector' = 'filesystem',
  'path' = 'output/verify/unique_clicks',
  'format' = 'csv'
);

INSERT INTO unique_clicks
SELECT click_id, user_id, page, click_time
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY click_id ORDER BY click_time ASC) AS row_num
  FROM clicks)
WHERE row_num = 1;
