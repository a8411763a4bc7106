-- bin/demo compare, with job_backpressure.sql: a checkpoint starts aligned and turns unaligned
-- where its barrier has waited longer than the timeout.
SET 'state.backend.type' = 'hashmap';
SET 'execution.checkpointing.unaligned.enabled' = 'true';
SET 'execution.checkpointing.aligned-checkpoint-timeout' = '300ms';
