-- What a checkpoint of the demo holds, read with Flink's savepoint connector.
--
-- The lesson says the state comes back from the checkpoint: open the checkpoint and see it. Put
-- the path of a retained checkpoint (.../<job id>/chk-N) or of a savepoint below, where it says
-- JOB_ID, then run it in the SQL Client with udf.jar on its class path (in lib/: the connector
-- loads its type factories from there, not from -j jars):
--
--   sql-client.sh -f sql/inspect_checkpoint.sql      (target/udf.jar copied to $FLINK_HOME/lib)
--   bin/sql-client --lib target/udf.jar -f sql/inspect_checkpoint.sql
--
-- or let bin/demo put the path in, and read the running sums too:  bin/demo inspect PATH
-- (bin/demo keeps a copy of the checkpoint each run restored, under target/report/restored-checkpoints/.)

-- Reading a checkpoint is a bounded job over its files.
SET 'execution.runtime-mode' = 'batch';
SET 'sql-client.execution.result-mode' = 'tableau';

-- 1) Which operators the checkpoint holds state for. SumAndFailOnce is the uid Flink gives the
--    operator of the PTF call, after the call. The other operators of SQL have a uid hash only.
LOAD MODULE state;
SELECT `checkpoint-id`, `operator-name`, `operator-uid`, `operator-uid-hash`, `operator-total-size-in-bytes`
FROM savepoint_metadata('file:///tmp/flink-checkpoint-demo/checkpoints/JOB_ID/chk-1');

-- 2) The keys the PTF holds a running sum for, in its value state named state (the name of the
--    state argument of eval). The type factory reads the key out of the row the table runtime
--    keys by. The running sum itself is a row of the table runtime too (SumAndFailOnce.SumState),
--    and the connector turns a state value into columns by Java reflection, which such a row does
--    not answer: the state column here only makes the connector visit the keys. bin/demo inspect
--    reads the sums with the State Processor API, the library of the connector.
CREATE TABLE keys_in_checkpoint (
  k STRING,
  state STRING,
  PRIMARY KEY (k) NOT ENFORCED
) WITH (
  'connector' = 'savepoint',
  'state.backend.type' = 'hashmap',
  'state.path' = 'file:///tmp/flink-checkpoint-demo/checkpoints/JOB_ID/chk-1',
  'operator.uid' = 'SumAndFailOnce',
  'fields.k.value-type-factory' = 'com.example.checkpointdemo.functions.savepoint.KeyTypeFactory'
);

SELECT k FROM keys_in_checkpoint;

-- 3) A checkpoint of the DataStream variant (bin/demo --variant datastream) keeps the running sum
--    in a ValueState of Long, which the connector reads whole. For such a checkpoint:
--
--    CREATE TABLE running_sums_in_checkpoint (
--      k STRING,
--      running_sum BIGINT,
--      PRIMARY KEY (k) NOT ENFORCED
--    ) WITH (
--      'connector' = 'savepoint',
--      'state.backend.type' = 'hashmap',
--      'state.path' = 'file:///tmp/flink-checkpoint-demo/checkpoints/JOB_ID/chk-1',
--      'operator.uid' = 'SumAndFailOnceProcess',
--      'fields.k.value-type-factory' = 'com.example.checkpointdemo.functions.savepoint.KeyTypeFactory'
--    );
--    SELECT k, running_sum FROM running_sums_in_checkpoint
