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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the checkpoints of one lab job hold (the running sum of each key), read from their files
 * in the background. Each is copied the moment the lab sees it: Flink deletes a checkpoint once a
 * newer one completes, which on a busy machine comes before its turn to be read, and a new
 * leader's restored checkpoint goes a second after the restore.
 */
final class CheckpointContents {

    /**
     * Two readers at a time, of their own: a read may wait seconds between its tries, and the
     * common pool has one thread on two cores.
     */
    private static final ExecutorService READERS = Executors.newFixedThreadPool(2, task -> {
        final Thread thread = new Thread(task, "lab-checkpoint-reader");
        thread.setDaemon(true);
        return thread;
    });

    private final CheckpointReader reader;
    private final CheckpointCopies copies;
    /** Where the report's own watcher copies the job's checkpoints, as it sees them complete (every 50 ms). */
    private final Path reportCopies;
    private final RunningJob job;
    private final Map<Long, CompletableFuture<Map<String, Long>>> contents = new ConcurrentHashMap<>();

    CheckpointContents(ClusterAddress cluster, Path copies, Path reportCopies, RunningJob job) {
        this.reader = new CheckpointReader(cluster);
        this.copies = new CheckpointCopies(copies);
        this.reportCopies = reportCopies;
        this.job = job;
    }

    /** What checkpoint {@code id} at {@code path} holds: copied now, read once, in the background. */
    CompletableFuture<Map<String, Long>> of(long id, String path) {
        return contents.computeIfAbsent(id, unread -> {
            final CheckpointCopies.Copy copy = copies.copy(path);
            return CompletableFuture.supplyAsync(() -> read(copy.copy() != null ? copy.copy().toUri().toString() : reportsCopyOr(path)), READERS);
        });
    }

    /**
     * The report's copy of the checkpoint at {@code path}, if it made one: a checkpoint that
     * completed just before a JobManager died, unseen here, was deleted within a second of the new
     * leader restoring it in our runs on bin/cluster, although the job asks to retain 100.
     */
    private String reportsCopyOr(String path) {
        final org.apache.flink.core.fs.Path checkpoint = new org.apache.flink.core.fs.Path(path);
        final Path copy = reportCopies.resolve(checkpoint.getParent().getName()).resolve(checkpoint.getName());
        return java.nio.file.Files.isDirectory(copy) ? copy.toUri().toString() : path;
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
            if (attempt == 4) {
                break;
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
