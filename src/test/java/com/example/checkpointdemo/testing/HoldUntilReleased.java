package com.example.checkpointdemo.testing;

import javax.annotation.Nullable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * {@code HOLD_UNTIL_RELEASED(v, hold_at, release_file)}: holds back the row {@code v = hold_at},
 * on every attempt, until {@code release_file} exists (while it holds it, {@code
 * release_file.held} does). A test of a cluster uses it to be sure the job still runs when it
 * kills one of the cluster's processes, and to let it finish afterwards.
 */
public class HoldUntilReleased extends HeldRow {

    public void eval(CompletableFuture<Long> result, @Nullable Long v, Integer holdAt, String releaseFile) {
        final Path release = Path.of(releaseFile);
        if (v == null || v != holdAt.longValue() || Files.exists(release)) {
            result.complete(v);
            return;
        }
        hold(result, v, heldMarker(release), () -> Files.exists(release));
    }

    /** The file that says the row is held. */
    public static Path heldMarker(Path releaseFile) {
        return releaseFile.resolveSibling(releaseFile.getFileName() + ".held");
    }
}
