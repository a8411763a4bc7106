package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.kafka.KafkaTopics;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.runner.ScriptException;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Kafka source's input, the same for every run: its topic (filled once from a file the user
 * named, or the user's topic as it is) and where each partition ended when the verification began,
 * as the source's isolation level sees it. Every run reads from the script's start position up to
 * those offsets and no further ({@code scan.bounded.mode = specific-offsets}), so no run reads what
 * another wrote meanwhile, and a source that would never end does.
 */
record FrozenKafkaInput(String table, String topic, String bootstrapServers, Map<Integer, Long> ends, long records,
        @Nullable Path filledFrom) {

    /**
     * Freezes {@code table}'s input on the broker at {@code bootstrapServers}: {@code file}'s lines
     * (one record each, in order) written once to {@code topic} when a file is given, else {@code
     * topic} as it is; then its end offsets noted. An empty input is a {@link ScriptException}.
     */
    static FrozenKafkaInput freeze(String table, Map<String, String> options, String topic, String bootstrapServers,
            @Nullable Path file) throws IOException {
        final KafkaTopics.Isolation isolation = isolationOf(options);
        try (KafkaTopics topics = new KafkaTopics(bootstrapServers)) {
            if (file != null) {
                topics.create(topic);
                if (topics.endOffsets(topic, KafkaTopics.Isolation.READ_UNCOMMITTED).values().stream().mapToLong(Long::longValue).sum() == 0) {
                    topics.produce(topic, Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList());
                }
            }
            final Map<Integer, Long> ends = new java.util.TreeMap<>();
            topics.endOffsets(topic, isolation).forEach((partition, offset) -> ends.put(partition.partition(), offset));
            final long records = ends.values().stream().mapToLong(Long::longValue).sum();
            if (records == 0) {
                throw new ScriptException(Text.format("table %s reads topic %s on %s, which is empty: give its records with --input %s=FILE"
                        + " (one a line), or verify on your broker with --bootstrap-servers", table, topic, bootstrapServers, table));
            }
            return new FrozenKafkaInput(table, topic, bootstrapServers, Map.copyOf(ends), records, file);
        }
    }

    /** The isolation level the source reads at: its {@code properties.isolation.level}, else Kafka's default, {@code read_uncommitted}. */
    static KafkaTopics.Isolation isolationOf(Map<String, String> options) {
        return "read_committed".equals(options.getOrDefault("properties.isolation.level", "read_uncommitted").toLowerCase(Locale.ROOT))
                ? KafkaTopics.Isolation.READ_COMMITTED : KafkaTopics.Isolation.READ_UNCOMMITTED;
    }

    /** The options every run reads this input with: its topic on its broker, bounded at the frozen offsets. */
    Map<String, String> options() {
        final Map<String, String> options = new LinkedHashMap<>();
        options.put("topic", topic);
        options.put("properties.bootstrap.servers", bootstrapServers);
        options.put("scan.bounded.mode", "specific-offsets");
        options.put("scan.bounded.specific-offsets", ends.entrySet().stream()
                .map(end -> "partition:" + end.getKey() + ",offset:" + end.getValue()).collect(Collectors.joining(";")));
        return options;
    }

    /** {@code orders: topic orders, 200 records (from data/verify/orders.csv), read up to offset 200 of partition 0}. */
    String describe() {
        return Text.format("%s: topic %s, %d records%s, every run reads up to %s", table, topic, records,
                filledFrom == null ? Text.of(" (the topic as it was)") : Text.format(" (written once from %s)", filledFrom),
                ends.entrySet().stream().map(end -> Text.format("offset %d of partition %d", end.getValue(), end.getKey()))
                        .collect(Collectors.joining(", ")));
    }
}
