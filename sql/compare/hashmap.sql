-- bin/demo compare: the lesson's default. The heap state backend, a full snapshot of the state
-- at every checkpoint.
SET 'state.backend.type' = 'hashmap';
