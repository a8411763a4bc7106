package com.example.checkpointdemo.testing;

import org.apache.flink.table.functions.FunctionContext;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code HOLD_UNTIL_CHECKPOINT(v, hold_at, checkpoint_dir)}: a test's way to make sure a checkpoint
 * completes before the failure, instead of betting that one will. On the first attempt it holds
 * back the row {@code v = hold_at} until a checkpoint triggered after the row arrived has completed
 * (its {@code chk-N/_metadata} appears under {@code checkpoint_dir}); every other row, and every
 * row of a later attempt, passes at once. While it holds the row, a file {@code held-<hold_at>} in
 * {@code checkpoint_dir} says so, for a test that triggers the checkpoint itself.
 *
 * <p>A checkpoint triggered while the row is held covers every row before it ({@link HeldRow}).
 */
public class HoldUntilCheckpoint extends HeldRow {

    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");

    private transient int attemptNumber;

    @Override
    public void open(FunctionContext context) {
        super.open(context);
        attemptNumber = context.getTaskInfo().getAttemptNumber();
    }

    public void eval(CompletableFuture<Long> result, @Nullable Long v, Integer holdAt, String checkpointDir) {
        if (attemptNumber > 0 || v == null || v != holdAt.longValue()) {
            result.complete(v);
            return;
        }
        final Path marker = heldMarker(checkpointDir, holdAt);
        final long triggeredBefore = highest(marker.getParent(), false).orElse(0);
        hold(result, v, marker, () -> highest(marker.getParent(), true).orElse(0) > triggeredBefore);
    }

    /** The file that says the row {@code holdAt} is held, in {@code checkpointDir}. */
    public static Path heldMarker(String checkpointDir, int holdAt) {
        return Paths.get(URI.create(checkpointDir.replaceFirst("^file:/+", "file:///"))).resolve("held-" + holdAt);
    }

    /**
     * The highest checkpoint id under {@code directory}: of those triggered (their folder exists),
     * or those completed (their _metadata exists). A folder Flink deletes while it is listed makes
     * the listing fail: then it is listed again, never guessed.
     */
    static OptionalLong highest(Path directory, boolean completed) {
        while (true) {
            if (!Files.isDirectory(directory)) {
                return OptionalLong.empty();
            }
            try (Stream<Path> files = Files.walk(directory, 2)) {
                return files.filter(Files::isDirectory)
                        .filter(dir -> !completed || Files.exists(dir.resolve("_metadata")))
                        .map(dir -> CHECKPOINT.matcher(dir.getFileName().toString()))
                        .filter(Matcher::matches)
                        .mapToLong(m -> Long.parseLong(m.group(1)))
                        .max();
            } catch (IOException | UncheckedIOException deletedWhileListed) {
                // list it again
            }
        }
    }
}
