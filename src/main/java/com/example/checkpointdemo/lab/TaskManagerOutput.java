package com.example.checkpointdemo.lab;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The lines the TaskManagers of a bin/cluster cluster print from now on ({@code log/taskmanager-N.out}):
 * where the print sink's rows go on a cluster of processes. Read every 100 ms on a thread of its
 * own, each complete line handed on once.
 */
final class TaskManagerOutput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskManagerOutput.class);

    private final Path logs;
    private final Consumer<String> lines;
    /** How far each file was read; a file seen first at the start is read from its end then. */
    private final Map<Path, Long> read = new HashMap<>();
    private final Map<Path, StringBuilder> partial = new HashMap<>();
    private final Thread thread;
    private volatile boolean open = true;

    private TaskManagerOutput(Path logs, Consumer<String> lines) {
        this.logs = logs;
        this.lines = lines;
        this.thread = new Thread(this::follow, "lab-taskmanager-output");
        this.thread.setDaemon(true);
    }

    /** Follows the {@code taskmanager-*.out} files under {@code logs}, from their current ends. */
    static TaskManagerOutput follow(Path logs, Consumer<String> lines) {
        final TaskManagerOutput output = new TaskManagerOutput(logs, lines);
        output.files().forEach(file -> output.read.put(file, size(file)));
        output.thread.start();
        return output;
    }

    private void follow() {
        while (open) {
            files().forEach(this::readOn);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
        files().forEach(this::readOn);
    }

    private void readOn(Path file) {
        final long from = read.getOrDefault(file, 0L);
        final long to = size(file);
        if (to <= from) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            final byte[] bytes = new byte[(int) (to - from)];
            in.seek(from);
            in.readFully(bytes);
            read.put(file, to);
            final StringBuilder line = partial.computeIfAbsent(file, f -> new StringBuilder());
            for (char c : new String(bytes, StandardCharsets.UTF_8).toCharArray()) {
                if (c == '\n') {
                    hand(line.toString());
                    line.setLength(0);
                } else {
                    line.append(c);
                }
            }
        } catch (IOException e) {
            LOG.info("Cannot read {}: {}", file, e.getMessage());
        }
    }

    private void hand(String line) {
        try {
            lines.accept(line);
        } catch (RuntimeException e) {
            // One line the page cannot use must not stop the following of the others.
            LOG.debug("Line not told: {}", line, e);
        }
    }

    private List<Path> files() {
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(file -> file.getFileName().toString().matches("taskmanager-\\d+\\.out")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Reads what is left, and stops. */
    @Override
    public void close() {
        open = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
