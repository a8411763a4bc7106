package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.plumbing.FlinkFiles;

import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedCatalogBaseTable;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A table of the {@code filesystem} connector: where its files live (a local folder, or {@code
 * s3://...}: they are listed and read through Flink's own FileSystem, as the job writes them), and
 * where the script declares it ({@code file:line}, for messages).
 */
public record FileTable(String name, Path path, List<String> columns, @Nullable String declaredAt) implements SinkTable {

    /** Files in a stable order (Flink's Path compares, but is not Comparable). */
    public static final Comparator<Path> ORDER = Comparator.comparing(Path::toUri);

    /** The {@code filesystem} table {@code table} whose path is {@code option}; a relative path resolves against {@code base}. */
    static FileTable of(
            String name, String option, ResolvedCatalogBaseTable<?> table, java.nio.file.Path base, @Nullable String declaredAt) {
        final List<String> columns = table.getResolvedSchema().getColumns().stream().map(Column::getName).toList();
        return new FileTable(name, resolve(option, base), columns, declaredAt);
    }

    /**
     * Where a table written with path {@code option} goes under {@code root} ({@code s3://demo}):
     * {@code root/option} for a relative path, {@code root} plus the path for an absolute one. A
     * local file it names that exists (the input) is uploaded there first; a folder (the output of
     * an earlier run) is not.
     */
    static Moved moveUnder(String root, String option, java.nio.file.Path base) {
        final Path local = resolve(option, base);
        if (!isLocal(local)) {
            return new Moved(option, false); // in a store already
        }
        final String key = new Path(option).toUri().getScheme() == null && !option.startsWith("/")
                ? java.nio.file.Path.of(option).normalize().toString()
                : java.nio.file.Path.of(local.toUri()).toString().substring(1);
        final Path target = new Path(root.replaceAll("/+$", "") + "/" + key);
        final java.nio.file.Path file = java.nio.file.Path.of(local.toUri());
        if (java.nio.file.Files.isRegularFile(file)) {
            FlinkFiles.upload(file, target);
            return new Moved(target.toString(), true);
        }
        return new Moved(target.toString(), false);
    }

    /** Where {@link #moveUnder} moved a table, and whether it uploaded the table's file. */
    record Moved(String path, boolean uploaded) {}


    /** Whether {@code table} uses the {@code filesystem} connector. */
    static boolean isFileSystem(ResolvedCatalogBaseTable<?> table) {
        return "filesystem".equals(table.getOptions().get("connector"));
    }

    /**
     * The path a {@code path} option names: a relative one resolved against {@code base} (the
     * working directory, as in the SQL Client, unless a runner was given another); one with a
     * scheme (file:, s3:) as written.
     */
    static Path resolve(String option, java.nio.file.Path base) {
        final Path written = new Path(option);
        return written.toUri().getScheme() == null
                ? new Path(base.resolve(option).toAbsolutePath().normalize().toUri())
                : written;
    }

    /** The folder on this machine, for a table on the local file system. */
    public Optional<java.nio.file.Path> localPath() {
        return isLocal() ? Optional.of(java.nio.file.Path.of(path.toUri())) : Optional.empty();
    }

    /** What to tell a person: a local path as a path, any other as its URI. */
    public String location() {
        return describe(path);
    }

    /** {@code file} as a person reads it: a local file as a path, any other as its URI. */
    public static String describe(Path file) {
        return isLocal(file) ? java.nio.file.Path.of(file.toUri()).toString() : file.toString();
    }

    private boolean isLocal() {
        return isLocal(path);
    }

    private static boolean isLocal(Path file) {
        return "file".equals(file.toUri().getScheme());
    }

    /** Why this table cannot be read as input, if it cannot: missing, unreadable or empty. */
    public Optional<String> problem() {
        try {
            final FileSystem fs = path.getFileSystem();
            if (!fs.exists(path)) {
                return Optional.of(location() + ", which does not exist");
            }
            final FileStatus status = fs.getFileStatus(path);
            if (!status.isDir()) {
                fs.open(path).close(); // unreadable files fail here, not in the job
                if (status.getLen() == 0) {
                    return Optional.of(location() + ", which is empty: there is nothing to sum");
                }
            }
        } catch (IOException e) {
            return Optional.of(location() + ", which cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * The visible files under this table's path. Hidden files ({@code .} or {@code _} prefix) are
     * left out, as Flink's readers leave them out: they are in-progress or uncommitted parts.
     */
    public SortedSet<Path> listFiles() {
        return list(false);
    }

    /** Its visible files that are not in {@code before}: what a job committed since that listing. */
    public SortedSet<Path> filesSince(Set<Path> before) {
        final SortedSet<Path> files = listFiles();
        files.removeAll(before);
        return files;
    }

    /** Its files, hidden ones too (the file sink's in-progress part files). */
    public SortedSet<Path> listHiddenFiles() {
        return list(true);
    }

    private SortedSet<Path> list(boolean hiddenToo) {
        final SortedSet<Path> files = new TreeSet<>(ORDER);
        try {
            FlinkFiles.files(path, hiddenToo).forEach(file -> files.add(file.getPath()));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + location(), e);
        }
    }

    /** The length of {@code file}, as its file system says; 0 for one gone since it was listed. */
    public static long length(Path file) {
        try {
            return file.getFileSystem().getFileStatus(file).getLen();
        } catch (java.io.FileNotFoundException gone) {
            // S3Proxy's filesystem backend completes an upload in a temporary file it then renames.
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
