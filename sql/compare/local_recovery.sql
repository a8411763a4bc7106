-- bin/demo compare: local recovery. Each checkpoint also keeps a copy of the state on the
-- TaskManager's disk, and a restore on the same TaskManager reads it from there instead of the
-- checkpoint storage. (The row without it is hashmap.)
SET 'state.backend.type' = 'hashmap';
SET 'execution.checkpointing.local-backup.enabled' = 'true';
SET 'execution.state-recovery.from-local' = 'true';
