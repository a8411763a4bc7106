package com.example.checkpointdemo.testing;

import org.apache.flink.table.functions.AsyncScalarFunction;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * <p>It is asynchronous, so holding a row does not block the task: checkpoint barriers pass it and
 * the held row is kept in the checkpoint, as Flink's async operator keeps its in-flight rows. A
 * checkpoint triggered while the row is held therefore covers every row before it.
 */
public class HoldUntilCheckpoint extends AsyncScalarFunction {

    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");

    private transient int attemptNumber;
    private transient ScheduledExecutorService poller;

    @Override
    public void open(FunctionContext context) {
        attemptNumber = context.getTaskInfo().getAttemptNumber();
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "hold-until-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void eval(CompletableFuture<Long> result, @Nullable Long v, Integer holdAt, String checkpointDir) {
        if (attemptNumber > 0 || v == null || v != holdAt.longValue()) {
            result.complete(v);
            return;
        }
        final Path directory = heldMarker(checkpointDir, holdAt).getParent();
        final long triggeredBefore = highest(directory, false).orElse(0);
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("held-" + holdAt), String.valueOf(System.currentTimeMillis()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark the held row in " + directory, e);
        }
        poller.scheduleWithFixedDelay(() -> {
            if (highest(directory, true).orElse(0) > triggeredBefore) {
                result.complete(v);
                throw new IllegalStateException("released"); // ends this repetition
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
    }

    /** The file that says the row {@code holdAt} is held, in {@code checkpointDir}. */
    public static Path heldMarker(String checkpointDir, int holdAt) {
        return Paths.get(URI.create(checkpointDir.replaceFirst("^file:/+", "file:///"))).resolve("held-" + holdAt);
    }

    /** The highest checkpoint id under {@code directory}: of those triggered, or those completed. */
    static OptionalLong highest(Path directory, boolean completed) {
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
        } catch (IOException | UncheckedIOException e) {
            return OptionalLong.empty(); // a checkpoint folder deleted while listed: look again
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    @Override
    public boolean isDeterministic() {
        return false;
    }
}
