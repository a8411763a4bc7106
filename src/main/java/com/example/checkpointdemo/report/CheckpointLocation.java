package com.example.checkpointdemo.report;

import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * A checkpoint or savepoint named the way a user names it: a {@code chk-N} or savepoint folder, or
 * its {@code _metadata} file, as a plain path or a URI ({@code file:/...}, {@code s3://...}). Where
 * Flink's copy is gone (a job that finishes deletes its checkpoints), the copy a run kept of it
 * stands in, and {@link #note} says so.
 */
public record CheckpointLocation(String uri, Optional<String> note) {

    private static final String EXPECTED =
            "expected a checkpoint folder (.../<job id>/chk-N), a savepoint folder, or the _metadata file in one";

    /**
     * Finds {@code argument}; {@code copies} is where runs keep copies of restored checkpoints
     * ({@code <copies>/<job id>/chk-N}). A path that is neither, nor kept, is an {@link
     * IllegalArgumentException} saying what was expected.
     */
    public static CheckpointLocation find(String argument, java.nio.file.Path copies) {
        Path path = new Path(argument.strip());
        if (path.toUri().getScheme() == null) {
            path = new Path(java.nio.file.Path.of(argument.strip()).toAbsolutePath().normalize().toUri());
        }
        if ("_metadata".equals(path.getName())) {
            path = path.getParent();
        }
        String unreachable = null;
        try {
            final FileSystem fs = path.getFileSystem();
            if (fs.exists(path)) {
                if (!fs.exists(new Path(path, "_metadata"))) {
                    throw new IllegalArgumentException(argument + ": not a checkpoint or savepoint, it has no _metadata file; " + EXPECTED);
                }
                return new CheckpointLocation(uri(path), Optional.empty());
            }
        } catch (IOException e) {
            // s3:// outside a run: the object store was the run's own, and stopped with it.
            unreachable = e.getMessage();
        }
        final java.nio.file.Path kept = copies.resolve(path.getParent() == null ? "" : path.getParent().getName()).resolve(path.getName());
        if (Files.isRegularFile(kept.resolve("_metadata"))) {
            return new CheckpointLocation(uri(new Path(kept.toUri())), Optional.of(unreachable != null
                    ? argument + " cannot be read from here (" + firstLine(unreachable) + "; an --s3 run's object store stops"
                            + " with the run); reading the copy the report kept: " + kept
                    : argument + " is gone (a job that finishes deletes its checkpoints); reading the copy the report kept: " + kept));
        }
        if (unreachable != null) {
            throw new IllegalArgumentException(argument + ": cannot be read (" + firstLine(unreachable) + "), and no copy of it in "
                    + copies + " (an --s3 run's object store stops with the run; the report keeps a copy of each restored"
                    + " checkpoint); " + EXPECTED);
        }
        throw new IllegalArgumentException(argument + ": no such checkpoint or savepoint, and no copy of it in " + copies
                + " (a job that finishes deletes its checkpoints; bin/demo keeps a copy of the one it restored); " + EXPECTED);
    }

    private static String firstLine(String message) {
        return String.valueOf(message).lines().findFirst().orElse("");
    }

    /** {@code file:///a/b} for a local path (however it was written), the URI itself for any other. */
    private static String uri(Path path) {
        final String uri = "file".equals(path.toUri().getScheme()) ? "file://" + path.toUri().getPath() : path.toUri().toString();
        return uri.replaceFirst("/$", "");
    }
}
