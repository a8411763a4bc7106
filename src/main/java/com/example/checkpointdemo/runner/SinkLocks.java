package com.example.checkpointdemo.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks on the file sinks of one run, held from before its job starts until its committed files
 * have been checked: the check reads the files the job added to a sink's folder, so a second run
 * committing into the same folder meanwhile would pass its rows off as this one's. A second run
 * is refused with a message instead. The lock is a file {@code .<sink>.lock} beside the sink's
 * folder; the operating system releases it when the process ends, however it ends. Sinks in an
 * object store are not locked: it has no such locks.
 */
public final class SinkLocks implements AutoCloseable {

    /**
     * The lock files this process holds. Checked before the file itself: on Linux, closing any
     * channel of a file drops every lock this process holds on it, so a second channel is never
     * opened on a file held here.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final List<FileLock> locks;
    private final List<Path> files;

    private SinkLocks(List<FileLock> locks, List<Path> files) {
        this.locks = locks;
        this.files = files;
    }

    /** No locks: a run without file sinks. */
    static SinkLocks none() {
        return new SinkLocks(List.of(), List.of());
    }

    /** Locks every sink of {@code sinks}, or none: a sink another run holds is a {@link ScriptException}. */
    static SinkLocks acquire(List<FileTable> sinks, String where) {
        final SinkLocks held = new SinkLocks(new ArrayList<>(), new ArrayList<>());
        try {
            for (FileTable sink : sinks) {
                if (sink.localPath().isEmpty()) {
                    continue; // an object store has no file locks; bin/demo --s3 gives each run a fresh store
                }
                final Path file = lockFile(sink.localPath().get());
                Files.createDirectories(file.getParent());
                FileLock lock = null;
                if (HELD_HERE.add(file)) {
                    held.files.add(file);
                    final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    lock = channel.tryLock();
                    if (lock == null) {
                        channel.close();
                    }
                }
                if (lock == null) {
                    final String holder = Files.readString(file).strip();
                    throw new ScriptException(where + ": " + sink.location() + " is being written by another run"
                            + (holder.isEmpty() ? "" : " (" + holder + ")") + ". Its check reads what lands there, so"
                            + " two runs at once would mix their rows: wait for it to end, or give this run another"
                            + " output path (bin/demo --sql with a copy of the script).");
                }
                held.locks.add(lock);
                lock.channel().truncate(0);
                lock.channel().write(ByteBuffer.wrap(("process " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            }
            return held;
        } catch (IOException e) {
            held.close();
            throw new UncheckedIOException("cannot lock the file sinks", e);
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /** The lock file of the sink folder {@code sink}: {@code .<name>.lock} beside it. */
    static Path lockFile(Path sink) {
        return sink.resolveSibling("." + sink.getFileName() + ".lock");
    }

    @Override
    public void close() {
        for (FileLock lock : locks) {
            try {
                lock.channel().close();
            } catch (IOException e) {
                // the lock goes with the channel, or with the process
            }
        }
        files.forEach(HELD_HERE::remove);
    }
}
