package com.example.checkpointdemo.testing;

import org.apache.flink.table.functions.FunctionContext;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * {@code SPOIL_KEPT_COPY(v, hold_at, checkpoint_dir, copies_dir)}: on the first attempt, holds the
 * row {@code v = hold_at} back until a checkpoint triggered after it arrived has completed and the
 * report has kept its copy under {@code copies_dir}, then empties that copy's {@code _metadata}
 * and lets the row pass: the failure at that row restores the checkpoint, and the report reads a
 * copy spoilt before it is read, whatever the timing.
 */
public class SpoilKeptCopy extends HeldRow {

    private transient int attemptNumber;

    @Override
    public void open(FunctionContext context) {
        super.open(context);
        attemptNumber = context.getTaskInfo().getAttemptNumber();
    }

    public void eval(CompletableFuture<Long> result, @Nullable Long v, Integer holdAt, String checkpointDir, String copiesDir) {
        if (attemptNumber > 0 || v == null || v != holdAt.longValue()) {
            result.complete(v);
            return;
        }
        final Path checkpoints = Paths.get(URI.create(checkpointDir.replaceFirst("^file:/+", "file:///")));
        final long before = HoldUntilCheckpoint.highest(checkpoints, false).orElse(0);
        hold(result, v, checkpoints.resolve("held-" + holdAt), () -> {
            final long completed = HoldUntilCheckpoint.highest(checkpoints, true).orElse(0);
            return completed > before && spoilt(Path.of(copiesDir), completed);
        });
    }

    /** Empties the kept copy of checkpoint {@code id}'s _metadata, once it is there; whether it did. */
    private static boolean spoilt(Path copies, long id) {
        if (!Files.isDirectory(copies)) {
            return false;
        }
        try (Stream<Path> jobs = Files.list(copies)) {
            for (Path job : jobs.toList()) {
                final Path metadata = job.resolve("chk-" + id).resolve("_metadata");
                if (Files.isRegularFile(metadata)) {
                    Files.write(metadata, new byte[0]);
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
