-- bin/demo compare: the changelog state backend over RocksDB. Every state change is also written
-- to a changelog (here on the file system) that a checkpoint only has to close; RocksDB's own
-- snapshot is taken in the background (periodic materialization).
SET 'state.backend.type' = 'rocksdb';
SET 'execution.checkpointing.incremental' = 'true';
SET 'state.changelog.enabled' = 'true';
SET 'state.changelog.storage' = 'filesystem';
SET 'state.changelog.dstl.dfs.base-path' = 'file:///tmp/flink-checkpoint-demo/changelog';
SET 'state.changelog.periodic-materialize.interval' = '2s';
