package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.plumbing.LogFile;
import com.example.checkpointdemo.plumbing.Text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What Flink's Kafka committer said in the cluster's logs while one run went on: each transaction
 * of a completed checkpoint it could not commit ({@code Unable to commit transaction}). Flink goes
 * on after it, so the job looks healthy; the rows of that transaction never reach a {@code
 * read_committed} reader. Read from where each process log stood when the run began.
 */
final class CommitterLog {

    private static final Pattern TRANSACTIONAL_ID = Pattern.compile("transactionalId='([^']+)'");

    private final Map<Path, Long> marks;

    private CommitterLog(Map<Path, Long> marks) {
        this.marks = marks;
    }

    /** The process logs in {@code folder} ({@code *.log}), marked where they end now. */
    static CommitterLog from(Path folder) throws IOException {
        final Map<Path, Long> marks = new LinkedHashMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(file -> file.getFileName().toString().endsWith(".log")).forEach(file -> marks.put(file, LogFile.at(file).mark()));
            }
        }
        return new CommitterLog(marks);
    }

    /** What the committer logged since the marks, in a sentence (nothing: empty). */
    List<String> uncommitted() {
        final List<String> lines = new ArrayList<>();
        marks.forEach((file, mark) -> lines.addAll(LogFile.at(file).linesSince(mark)));
        return uncommittedTransactions(lines);
    }

    /** The Kafka committer's {@code Unable to commit transaction} lines among {@code lines}, told in a sentence (none: empty). */
    static List<String> uncommittedTransactions(List<String> lines) {
        final List<String> failed = lines.stream()
                .filter(line -> line.contains("KafkaCommitter") && line.contains("Unable to commit transaction")).toList();
        if (failed.isEmpty()) {
            return List.of();
        }
        final Matcher id = TRANSACTIONAL_ID.matcher(failed.get(0));
        return List.of(Text.format("Flink's Kafka committer logged %d transaction%s of a completed checkpoint it"
                + " could not commit (\"Unable to commit transaction\", first %s): the broker had aborted it, Flink went on, and its rows"
                + " never reach a read_committed reader", failed.size(), failed.size() == 1 ? "" : "s", id.find() ? id.group(1) : "?"));
    }
}
