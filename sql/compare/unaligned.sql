-- bin/demo compare, with job_backpressure.sql: unaligned checkpoints. The barrier overtakes the
-- queued rows, which are stored in the checkpoint (persisted in-flight data).
SET 'state.backend.type' = 'hashmap';
SET 'execution.checkpointing.unaligned.enabled' = 'true';
SET 'execution.checkpointing.aligned-checkpoint-timeout' = '0s';
