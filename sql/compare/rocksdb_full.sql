-- bin/demo compare: RocksDB, every checkpoint a full snapshot of the state.
SET 'state.backend.type' = 'rocksdb';
SET 'execution.checkpointing.incremental' = 'false';
