package com.example.checkpointdemo.plumbing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Flink log this JVM writes ({@code -Dlog.file}, as Flink's scripts set it), cut at a mark: what
 * one run added to it. A JVM without a log file has none, and nothing is read from it.
 */
public final class LogFile {

    private final Path file;

    private LogFile(Path file) {
        this.file = file;
    }

    /** The log file this JVM writes, if it has one. */
    public static Optional<LogFile> ofThisJvm() {
        return Optional.ofNullable(System.getProperty("log.file")).map(Path::of).map(LogFile::new);
    }

    /** The log at {@code file}. */
    public static LogFile at(Path file) {
        return new LogFile(file);
    }

    /** Where the log ends now: the mark a run's part starts at. */
    public long mark() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** What the log gained since {@code mark}. */
    public byte[] since(long mark) {
        if (!Files.exists(file)) {
            return new byte[0];
        }
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            final byte[] bytes = new byte[(int) Math.max(0, log.length() - mark)];
            log.seek(Math.min(mark, log.length()));
            log.readFully(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The lines the log gained since {@code mark}. */
    public List<String> linesSince(long mark) {
        return new String(since(mark), StandardCharsets.UTF_8).lines().toList();
    }

    /** The file. */
    public Path path() {
        return file;
    }
}
