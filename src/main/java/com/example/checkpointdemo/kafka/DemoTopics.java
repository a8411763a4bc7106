package com.example.checkpointdemo.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The topics of sql/kafka/checkpoint_demo.sql, and how its input topic is filled: one record per
 * line of a file (data/checkpoint_numbers.csv), blank and bad lines too, so that the script parses
 * them by the same rules as the file demo.
 */
public final class DemoTopics {

    /** The script. */
    public static final Path SCRIPT = Path.of("sql/kafka/checkpoint_demo.sql");
    /** The input file the input topic is filled from. */
    public static final Path INPUT = Path.of("data/checkpoint_numbers.csv");

    public static final String NUMBERS = "checkpoint-demo-numbers";
    public static final String SUMS = "checkpoint-demo-sums";
    public static final String REJECTS = "checkpoint-demo-rejects";

    private DemoTopics() {}

    /** Creates the topics, and fills the input topic from {@code input} if it is empty; returns how many records it holds. */
    public static long prepare(KafkaTopics topics, Path input) {
        return prepare(topics, input, UnaryOperator.identity());
    }

    /** The same, each topic as {@code named} renames it (a run's own topics on a shared broker). */
    public static long prepare(KafkaTopics topics, Path input, UnaryOperator<String> named) {
        for (String topic : List.of(NUMBERS, SUMS, REJECTS)) {
            topics.create(named.apply(topic));
        }
        final long held = records(topics.endOffsets(named.apply(NUMBERS), KafkaTopics.Isolation.READ_COMMITTED));
        if (held > 0) {
            return held;
        }
        final List<String> lines;
        try {
            lines = Files.readString(input, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input " + input, e);
        }
        topics.produce(named.apply(NUMBERS), lines);
        return lines.size();
    }

    private static long records(Map<?, Long> endOffsets) {
        return endOffsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
