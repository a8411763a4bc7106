package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.runner.FileTable;
import com.example.checkpointdemo.runner.JobObserver;
import com.example.checkpointdemo.runner.RunningJob;

import org.apache.flink.api.common.JobID;
import org.apache.flink.core.fs.Path;

import javax.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks at a file sink's folder every 50 ms while its job runs, and notes when each part file
 * appeared in progress (hidden: {@code .part-…inprogress.…}) and when it was committed (visible:
 * {@code part-…}), as the two phases of the sink's commit. What it notes is our own observation
 * (to within its 50 ms), not a fact Flink reports.
 */
final class PartFileWatcher implements JobObserver {

    private static final long POLL_MILLIS = 50;

    /** A committed part file: when it was first seen in progress (null: not seen so), and when committed. */
    record Part(String name, @Nullable Long inProgressAt, long committedAt, Path file) {}

    private final String sink;
    private final Map<String, Long> inProgress = new LinkedHashMap<>();
    private final Map<String, Long> committedAt = new LinkedHashMap<>();
    private final Map<String, Path> committedPath = new LinkedHashMap<>();
    private final Map<String, Path> hiddenNow = new LinkedHashMap<>();
    private volatile boolean running;
    private Thread thread;
    private FileTable table;
    private Set<Path> before;
    private java.time.Duration interval;

    PartFileWatcher(String sink) {
        this.sink = sink;
    }

    @Override
    public void jobSubmitted(RunningJob job) {
        table = job.sinks().stream().filter(t -> t.name().equals(sink)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the job writes no file sink " + sink));
        before = job.filesBefore().getOrDefault(sink, Set.of());
        interval = job.config().get(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_INTERVAL);
        running = true;
        thread = new Thread(() -> {
            while (running) {
                try {
                    look();
                } catch (RuntimeException e) {
                    // A listing that failed (a file renamed while listed): the next look sees it.
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "part-file-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void jobEnded(JobID jobId) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                look();
            } catch (RuntimeException e) {
                // The last look failed: what the earlier ones saw stands (the judgement says if it is not enough).
            }
        }
    }

    private synchronized void look() {
        final long now = System.currentTimeMillis();
        hiddenNow.clear();
        for (Path file : table.listHiddenFiles()) {
            if (before.contains(file)) {
                continue;
            }
            final String name = file.getName();
            if (name.startsWith(".part-") && name.contains(".inprogress.")) {
                inProgress.putIfAbsent(name, now);
                hiddenNow.put(name, file);
            } else if (name.startsWith("part-")) {
                committedAt.putIfAbsent(name, now);
                committedPath.putIfAbsent(name, file);
            }
        }
    }

    /** {@code part-<uuid>-<subtask>-<n>} of a hidden {@code .part-<uuid>-<subtask>-<n>.inprogress.<uuid>}. */
    static String partName(String hidden) {
        return hidden.substring(1, hidden.indexOf(".inprogress."));
    }

    /** The job's checkpoint interval. */
    java.time.Duration interval() {
        return interval;
    }

    /**
     * Every part file committed, in the order they were, with when its in-progress file appeared: the
     * last of that part's name to appear before the commit (an attempt after a restore writes the
     * part anew, beside the one the failed attempt left).
     */
    synchronized List<Part> committed() {
        return committedAt.keySet().stream().map(name -> new Part(name,
                inProgress.entrySet().stream().filter(e -> partName(e.getKey()).equals(name) && e.getValue() <= committedAt.get(name))
                        .map(Map.Entry::getValue).max(Long::compare).orElse(null),
                committedAt.get(name), committedPath.get(name))).toList();
    }

    /** The in-progress files still there at the last look: left behind, never to be committed, once the job has ended. */
    synchronized List<Path> inProgressLeft() {
        return List.copyOf(hiddenNow.values());
    }
}
