-- bin/demo compare, with job_backpressure.sql: aligned checkpoints, the default. A task waits
-- for the barrier of every input before it snapshots (the alignment).
SET 'state.backend.type' = 'hashmap';
SET 'execution.checkpointing.unaligned.enabled' = 'false';
