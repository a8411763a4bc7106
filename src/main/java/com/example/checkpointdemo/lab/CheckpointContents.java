package com.example.checkpointdemo.lab;

import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.CheckpointReader;
import com.example.checkpointdemo.runner.RunningJob;
import com.example.checkpointdemo.runner.ScriptErrors;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * What the checkpoints of one lab job hold (the running sum of each key), each read once from its
 * files in the background, with the reader's own tries ({@link CheckpointReader#runningSumsTrying}).
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
    private final Supplier<RunningJob> job;
    private final Map<Long, CompletableFuture<Map<String, Long>>> contents = new ConcurrentHashMap<>();

    /** Reads on {@code cluster} the checkpoints of the job {@code job} gives (known once submitted). */
    CheckpointContents(ClusterAddress cluster, Supplier<RunningJob> job) {
        this.reader = new CheckpointReader(cluster);
        this.job = job;
    }

    /** What checkpoint {@code id}, whose files are at {@code path} (a copy, or Flink's own), holds: read once, in the background. */
    CompletableFuture<Map<String, Long>> of(long id, String path) {
        return contents.computeIfAbsent(id, unread -> CompletableFuture.supplyAsync(() -> {
            final RunningJob running = job.get();
            return reader.runningSumsTrying(path, running.stateLayout(), running.stateBackend());
        }, READERS));
    }

    /** Waits up to {@code atMost} for the reads started so far (their failures are told where they were started). */
    void awaitReads(java.time.Duration atMost) {
        try {
            CompletableFuture.allOf(contents.values().stream().map(read -> read.handle((sums, error) -> null))
                    .toArray(CompletableFuture[]::new)).get(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException late) {
            // the rest are told as failed reads, should their copies be gone by then
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Why a checkpoint could not be read, for the page: its files gone (Flink deletes a finished or
     * cancelled job's checkpoints, and the watcher had not copied this one yet), or the reader's
     * own first line.
     */
    static String whyNotRead(Throwable error) {
        final String message = ScriptErrors.rootMessage(error);
        return message.contains("Cannot find checkpoint or savepoint file/directory")
                ? Text.of("not read: its files were gone, deleted by Flink as the job ended, before the lab had copied them")
                : firstLine(message);
    }

    /** A message's first line, short enough for the page. */
    static String firstLine(String message) {
        final String line = message.lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
