package com.example.checkpointdemo.report;

/**
 * What a run showed. Only {@link #PROVEN} is proof of recovery from a checkpoint; every other
 * outcome names what was missing, and the run exits 1.
 */
public enum Outcome {
    /** An injected failure (or a requested resume) restored a completed checkpoint whose state, read from its files, is what the job resumed from, and the committed output is exact. */
    PROVEN,
    /** No failure was injected (none configured, or its value never came): nothing was recovered, so nothing is proven. */
    NO_FAILURE_INJECTED,
    /** The failures did not go as planned: more or fewer than the fault plan has. */
    FAULT_PLAN_NOT_MET,
    /** The job did not finish: it failed for good or was cancelled. */
    JOB_DID_NOT_FINISH,
    /** A restart restored no checkpoint (or one taken before any row): the job began again from zero. */
    RESTARTED_FROM_SCRATCH,
    /** The restored checkpoint's state could not be read from its files. */
    STATE_NOT_READ,
    /** The state read from the checkpoint is not what the restarted job resumed from. */
    STATE_DISAGREES,
    /** The committed output is not each input value once with right running sums. */
    OUTPUT_NOT_EXACT;

    /** {@code STATE NOT READ}: as the report prints it. */
    public String label() {
        return this == PROVEN ? "RECOVERY PROVEN" : name().replace('_', ' ');
    }
}
