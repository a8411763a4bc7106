-- bin/demo compare: ForSt, Flink 2's disaggregated state backend (experimental in 2.3): its SST
-- files live in the checkpoint storage itself (primary-dir = checkpoint-dir), so a checkpoint
-- has little to upload and a restore little to download.
SET 'state.backend.type' = 'forst';
SET 'state.backend.forst.primary-dir' = 'checkpoint-dir';
