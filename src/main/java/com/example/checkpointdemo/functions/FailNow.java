package com.example.checkpointdemo.functions;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A failure asked for from outside while the job runs: when the job parameter {@code
 * demo.fail-now} names a file, the function fails on its next row once that file exists, and
 * deletes it (one failure per request, whichever parallel task sees it first). What the live lab's
 * "fail now" button and the scenarios that must fail at a moment of their choosing use, beside the
 * fixed {@link FaultPlan}. Without the parameter it costs nothing.
 */
public final class FailNow implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The job parameter ({@code pipeline.global-job-parameters}) that names the request file. */
    public static final String PARAMETER = "demo.fail-now";

    /** Words in the failure's message that tell it from a planned one. */
    public static final String MARK = "(fail now)";

    private static final FailNow NEVER = new FailNow(null);

    private final @Nullable String file;

    private FailNow(@Nullable String file) {
        this.file = file;
    }

    /** The switch the job parameter names; one that never fails when it names none. */
    public static FailNow of(@Nullable String file) {
        return file == null || file.isBlank() ? NEVER : new FailNow(file);
    }

    /** Asks a running job to fail on its next row: creates the request file. */
    public static void request(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "fail now");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot ask for a failure at " + file, e);
        }
    }

    /** Throws {@link InjectedFailure} if a failure was asked for (taking the request). */
    public void check(@Nullable Long value, int attemptNumber) {
        if (file == null) {
            return;
        }
        try {
            if (Files.deleteIfExists(Path.of(file))) {
                throw new InjectedFailure(value == null ? 0 : value, attemptNumber, MARK);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fail-now request " + file, e);
        }
    }
}
