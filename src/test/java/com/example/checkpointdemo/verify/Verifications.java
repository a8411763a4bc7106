package com.example.checkpointdemo.verify;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A verification as the tests run it: on their shared cluster, its progress and its report printed for the test's log. */
final class Verifications {

    /**
     * The seed of a one-fault schedule whose fault lands at a random time after the first
     * checkpoint, not as a checkpoint the verifier triggers completes: a job that must be caught
     * then still has rows to get wrong after the restore.
     */
    static final long AT_A_RANDOM_TIME = 6;

    private Verifications() {}

    /** Verifies {@code options.script()} on {@code cluster}, keeping its runs under {@code home}; the report. */
    static VerifyReport run(Verifier.Options options, VerifyCluster cluster, Path home) throws Exception {
        final ByteArrayOutputStream progress = new ByteArrayOutputStream();
        final VerifyReport report = new Verifier(options, ScriptAnalysis.of(options.script(), options.jars()), cluster, home,
                new PrintStream(progress, true, StandardCharsets.UTF_8)).verify();
        System.out.println(progress.toString(StandardCharsets.UTF_8));
        System.out.println(report.toText());
        return report;
    }
}
