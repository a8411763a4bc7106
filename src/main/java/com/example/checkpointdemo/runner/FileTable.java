package com.example.checkpointdemo.runner;

import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedCatalogBaseTable;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A table of the {@code filesystem} connector on the local file system: where its files live, and
 * where the script declares it ({@code file:line}, for messages).
 */
public record FileTable(String name, Path path, List<String> columns, @Nullable String declaredAt) {

    /**
     * The table as a local file table, or empty when it uses another connector or file system. A
     * relative path resolves against {@code base}.
     */
    public static Optional<FileTable> of(
            String name, ResolvedCatalogBaseTable<?> table, Path base, @Nullable String declaredAt) {
        if (!isFileSystem(table)) {
            return Optional.empty();
        }
        final List<String> columns = table.getResolvedSchema().getColumns().stream().map(Column::getName).toList();
        return localPath(table.getOptions().get("path"), base).map(path -> new FileTable(name, path, columns, declaredAt));
    }

    /** Whether {@code table} uses the {@code filesystem} connector. */
    static boolean isFileSystem(ResolvedCatalogBaseTable<?> table) {
        return "filesystem".equals(table.getOptions().get("connector"));
    }

    /**
     * The file system path of a {@code path} option: relative paths resolve against {@code base}
     * (the working directory, as in the SQL Client, unless a runner was given another);
     * non-local schemes (s3://, hdfs://) give empty.
     */
    static Optional<Path> localPath(@Nullable String option, Path base) {
        if (option == null) {
            return Optional.empty();
        }
        final URI uri = new org.apache.flink.core.fs.Path(option).toUri();
        if (uri.getScheme() == null) {
            return Optional.of(base.resolve(option).toAbsolutePath().normalize());
        }
        return "file".equals(uri.getScheme()) ? Optional.of(Paths.get(uri)) : Optional.empty();
    }

    /** Why this table cannot be read as input, if it cannot: missing, unreadable or empty. */
    public Optional<String> problem() {
        if (!Files.exists(path)) {
            return Optional.of(path + ", which does not exist");
        }
        if (!Files.isReadable(path)) {
            return Optional.of(path + ", which it may not read");
        }
        try {
            if (Files.isRegularFile(path) && Files.size(path) == 0) {
                return Optional.of(path + ", which is empty: there is nothing to sum");
            }
        } catch (IOException e) {
            return Optional.of(path + ", which cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * The visible files under this table's path. Hidden files ({@code .} or {@code _} prefix) are
     * left out, as Flink's readers leave them out: they are in-progress or uncommitted parts.
     */
    public Set<Path> listFiles() {
        if (!Files.exists(path)) {
            return new TreeSet<>();
        }
        if (Files.isRegularFile(path)) {
            return new TreeSet<>(Set.of(path));
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !isHidden(path.relativize(file)))
                    .collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            final String name = part.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }
}
