package com.example.checkpointdemo.verify;

/** What {@code bin/demo verify} found, and its exit status. */
public enum VerifyOutcome {
    /** Every faulty run restored a checkpoint after its fault, and every sink committed exactly the reference's rows. */
    VERIFIED(0),
    /** A faulty run committed what the reference did not (lost, duplicated, unexpected or changed rows), or never finished. */
    ANOMALIES_FOUND(1),
    /** Nothing can be concluded: the script was refused (output that depends on the run, a source that never ends), two fault-free runs differ, or recovery was not exercised. */
    CANNOT_VERIFY(2);

    private final int exitCode;

    VerifyOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** {@code ANOMALIES FOUND}: as the report prints it. */
    public String label() {
        return name().replace('_', ' ');
    }
}
