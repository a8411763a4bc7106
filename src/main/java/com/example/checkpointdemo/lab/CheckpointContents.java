package com.example.checkpointdemo.lab;

import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.report.CheckpointCopies;
import com.example.checkpointdemo.report.CheckpointReader;
import com.example.checkpointdemo.runner.RunningJob;
import com.example.checkpointdemo.runner.ScriptErrors;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the checkpoints of one lab job hold (the running sum of each key), read from their files
 * in the background. Each is copied the moment the lab sees it: Flink deletes a checkpoint once a
 * newer one completes, which on a busy machine comes before its turn to be read, and a new
 * leader's restored checkpoint goes a second after the restore.
 */
final class CheckpointContents {

    private final CheckpointReader reader;
    private final CheckpointCopies copies;
    private final RunningJob job;
    private final Map<Long, CompletableFuture<Map<String, Long>>> contents = new ConcurrentHashMap<>();

    CheckpointContents(ClusterAddress cluster, Path copies, RunningJob job) {
        this.reader = new CheckpointReader(cluster);
        this.copies = new CheckpointCopies(copies);
        this.job = job;
    }

    /** What checkpoint {@code id} at {@code path} holds: copied now, read once, in the background. */
    CompletableFuture<Map<String, Long>> of(long id, String path) {
        return contents.computeIfAbsent(id, unread -> {
            final CheckpointCopies.Copy copy = copies.copy(path);
            final String readFrom = copy.copy() == null ? path : copy.copy().toUri().toString();
            return CompletableFuture.supplyAsync(() -> read(readFrom));
        });
    }

    /**
     * Reads the files at {@code path}; again after a failure, up to four times over some 15 s: the
     * reading job runs on the cluster, whose new leader may still be taking over.
     */
    private Map<String, Long> read(String path) {
        RuntimeException failure = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return reader.runningSums(path, job.stateLayout(), job.stateBackend());
            } catch (Exception e) {
                failure = new IllegalStateException(firstLine(ScriptErrors.rootMessage(e)), e);
                if (e.getMessage() != null && e.getMessage().contains("Cannot find checkpoint")) {
                    break; // deleted, and not copied: reading again finds nothing either
                }
            }
            try {
                Thread.sleep(1000L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw failure;
    }

    /** A message's first line, short enough for the page. */
    static String firstLine(String message) {
        final String line = message.lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
