package com.example.checkpointdemo.testing;

import com.example.checkpointdemo.report.CommittedFiles;
import com.example.checkpointdemo.report.SumRow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expected outputs computed the plain way, to compare Flink's committed rows with. */
public final class Expected {

    private Expected() {}

    /** The (v, running_sum) pairs a single-key running sum over {@code values} must commit. */
    public static List<List<Long>> runningSums(List<Long> values) {
        final List<List<Long>> pairs = new ArrayList<>();
        long sum = 0;
        for (long v : values) {
            sum += v;
            pairs.add(List.of(v, sum));
        }
        return pairs;
    }

    /** All committed rows in {@code sinkDir}: its visible part files. */
    public static List<SumRow> committedRowsIn(Path sinkDir) throws IOException {
        try (Stream<Path> files = Files.list(sinkDir)) {
            return committedRows(files.toList(), sinkDir);
        }
    }

    /** The committed rows among {@code created}: the visible part files under {@code sinkDir}. */
    public static List<SumRow> committedRows(List<Path> created, Path sinkDir) {
        final Path dir = sinkDir.toAbsolutePath();
        return CommittedFiles.sumRows(stored(
                created.stream()
                        .map(Path::toAbsolutePath)
                        .filter(file -> file.getParent().equals(dir))
                        .filter(file -> file.getFileName().toString().startsWith("part-"))
                        .filter(Files::isRegularFile)
                        .toList()));
    }

    /** Local files as Flink's FileSystem names them, which is how the report reads committed files. */
    public static List<org.apache.flink.core.fs.Path> stored(List<Path> files) {
        return files.stream().map(file -> new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri())).toList();
    }

    /** Tampers with what {@code sinkDir} committed: its first row once more, at the end of its last part file. */
    public static void duplicateFirstRow(Path sinkDir) {
        try (Stream<Path> files = Files.list(sinkDir)) {
            final List<Path> parts = CommittedFiles.commitOrder(
                    stored(files.filter(file -> file.getFileName().toString().startsWith("part-")).toList()))
                    .stream().map(file -> Path.of(file.toUri())).toList();
            final String firstRow = Files.readAllLines(parts.get(0)).get(0);
            Files.writeString(parts.get(parts.size() - 1), firstRow + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** (v, running_sum) of each row, for comparing with {@link #runningSums}. */
    public static List<List<Long>> valueAndSum(List<SumRow> rows) {
        return rows.stream().map(row -> List.of(row.v(), row.runningSum())).toList();
    }
}
