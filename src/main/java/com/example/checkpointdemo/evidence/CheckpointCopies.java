package com.example.checkpointdemo.evidence;

import com.example.checkpointdemo.plumbing.Directories;
import com.example.checkpointdemo.plumbing.FlinkFiles;
import com.example.checkpointdemo.runner.ScriptErrors;

import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;

import javax.annotation.Nullable;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies of checkpoints and savepoints, kept in a local folder: a job that finishes deletes its
 * checkpoints, and the report reads (and {@code bin/demo inspect} opens) the restored one
 * afterwards. Copied through Flink's own {@link FileSystem}, so any storage Flink can read
 * ({@code file:}, {@code s3:}) can be copied. {@code <folder>/<parent>/<name>}: a checkpoint
 * {@code .../<job>/chk-2} goes to {@code <folder>/<job>/chk-2}.
 */
public final class CheckpointCopies {

    /** A copy made, or why it could not be. */
    public record Copy(String source, @Nullable Path copy, @Nullable String failure) {}

    private final Path folder;
    private final Map<String, Copy> copies = new LinkedHashMap<>();

    /** Copies kept under {@code folder}. */
    public CheckpointCopies(Path folder) {
        this.folder = folder;
    }

    /** Copies the checkpoint or savepoint at {@code path} (a Flink path) unless it was copied before. */
    public synchronized Copy copy(String path) {
        final Copy known = copies.get(normal(path));
        if (known != null && known.copy() != null) {
            return known;
        }
        final org.apache.flink.core.fs.Path source = new org.apache.flink.core.fs.Path(path);
        final Path target = folder.resolve(source.getParent().getName()).resolve(source.getName());
        Copy copy;
        try {
            Directories.delete(target);
            copyTree(source.getFileSystem(), source, target);
            copy = new Copy(path, target, null);
        } catch (IOException | RuntimeException e) {
            copy = new Copy(path, null, "could not copy " + path + " to " + target + ": " + ScriptErrors.rootMessage(e));
        }
        copies.put(normal(path), copy);
        return copy;
    }

    /** The copy of {@code path}, or what went wrong making it; null if none was tried. */
    public synchronized @Nullable Copy of(String path) {
        return copies.get(normal(path));
    }

    /** Deletes every copy but those of {@code keep}. */
    public synchronized void keepOnly(java.util.Collection<String> keep) {
        final java.util.Set<String> kept = keep.stream().map(CheckpointCopies::normal).collect(java.util.stream.Collectors.toSet());
        copies.forEach((path, copy) -> {
            if (copy.copy() != null && !kept.contains(path)) {
                Directories.delete(copy.copy());
            }
        });
    }

    /** Copies every file under {@code source} (hidden ones too) to the same relative place under {@code target}. */
    private static void copyTree(FileSystem fs, org.apache.flink.core.fs.Path source, Path target) throws IOException {
        final List<FileStatus> files = FlinkFiles.files(source, true);
        if (files.isEmpty()) {
            throw new IOException(source + " does not exist");
        }
        final URI root = source.makeQualified(fs).toUri();
        for (FileStatus file : files) {
            final URI relative = root.relativize(file.getPath().makeQualified(fs).toUri());
            if (relative.isAbsolute() || relative.getPath().startsWith("/")) {
                throw new IOException(file.getPath() + " is not under " + source);
            }
            final Path to = target.resolve(relative.getPath());
            Files.createDirectories(to.getParent());
            try (FSDataInputStream in = fs.open(file.getPath())) {
                Files.copy(in, to);
            }
        }
    }

    /** {@code file:/a/b}, {@code file:///a/b} and {@code /a/b} name one checkpoint. */
    static String normal(String path) {
        return new org.apache.flink.core.fs.Path(path).makeQualified(localFileSystem()).toString().replaceFirst("/$", "");
    }

    private static FileSystem localFileSystem() {
        return FileSystem.getLocalFileSystem();
    }
}
