-- bin/demo compare: RocksDB, incremental checkpoints: each uploads only the SST files the
-- previous one did not have (checkpointed_size), while state_size is the whole state.
SET 'state.backend.type' = 'rocksdb';
SET 'execution.checkpointing.incremental' = 'true';
