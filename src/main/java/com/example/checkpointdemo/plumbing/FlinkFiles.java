package com.example.checkpointdemo.plumbing;

import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Files moved through Flink's own FileSystem, so that {@code s3://} is written as a job writes it. */
public final class FlinkFiles {

    /** How often a listing is tried when files vanish while it runs (a sink commits a few files a second at most). */
    private static final int LISTINGS = 10;

    private FlinkFiles() {}

    /**
     * The files under {@code root} (or {@code root} itself, a file), in path order; names starting
     * with {@code .} or {@code _} (in-progress and uncommitted parts, which Flink's readers skip)
     * are left out unless {@code hiddenToo}. Nothing when {@code root} does not exist.
     */
    public static List<FileStatus> files(Path root, boolean hiddenToo) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return filesOnce(root, hiddenToo);
            } catch (java.io.FileNotFoundException changed) {
                // Flink's local file system lists a folder's names, then asks each one's status: a
                // file the sink renamed in between (its commit of an in-progress part) is not found.
                // The folder changed under the listing; the next listing sees it as it is now.
                if (attempt == LISTINGS) {
                    throw changed;
                }
            }
        }
    }

    private static List<FileStatus> filesOnce(Path root, boolean hiddenToo) throws IOException {
        final List<FileStatus> files = new ArrayList<>();
        final FileSystem fs = root.getFileSystem();
        final String key = root.toUri().getPath();
        if (key.isEmpty() || key.equals("/")) {
            listed(fs, root, hiddenToo, files); // a bucket's root has no status of its own
        } else if (fs.exists(root)) {
            collect(fs, fs.getFileStatus(root), hiddenToo, files);
        }
        return files;
    }

    private static void collect(FileSystem fs, FileStatus status, boolean hiddenToo, List<FileStatus> files) throws IOException {
        if (!status.isDir()) {
            files.add(status);
            return;
        }
        listed(fs, status.getPath(), hiddenToo, files);
    }

    private static void listed(FileSystem fs, Path directory, boolean hiddenToo, List<FileStatus> files) throws IOException {
        final FileStatus[] children = fs.listStatus(directory);
        Arrays.sort(children, Comparator.comparing((FileStatus child) -> child.getPath().toUri()));
        for (FileStatus child : children) {
            final String name = child.getPath().getName();
            if (hiddenToo || (!name.startsWith(".") && !name.startsWith("_"))) {
                collect(fs, child, hiddenToo, files);
            }
        }
    }

    /**
     * Deletes {@code path} (a folder and all under it, any scheme Flink knows) if it is there; false
     * when it could not be deleted.
     */
    public static boolean delete(Path path) {
        try {
            final FileSystem fs = path.getFileSystem();
            return !fs.exists(path) || fs.delete(path, true);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes what a stopped job kept to be resumed from, once nothing needs it: a savepoint's
     * folder, or a retained checkpoint ({@code .../<job>/chk-N}) with the folder of its job, which a
     * cancelled job leaves behind.
     */
    public static boolean deleteKept(String path) {
        final Path kept = new Path(path);
        return delete(kept.getName().matches("chk-\\d+") ? kept.getParent() : kept);
    }

    /** Copies the local {@code file} to {@code target} (any scheme Flink knows), replacing what is there. */
    public static void upload(java.nio.file.Path file, Path target) {
        try (FSDataOutputStream out = target.getFileSystem().create(target, FileSystem.WriteMode.OVERWRITE)) {
            Files.copy(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot upload " + file + " to " + target, e);
        }
    }
}
