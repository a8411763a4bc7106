package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.kafka.KafkaTopics;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.runner.ScriptException;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
        final KafkaTopics.Isolation isolation = KafkaTopics.Isolation.ofTable(options);
        try (KafkaTopics topics = new KafkaTopics(bootstrapServers)) {
            if (file != null) {
                // The topic is the verification's own (named with its id): new, and filled once, here.
                topics.create(topic);
                topics.produce(topic, Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList());
            }
            final Map<Integer, Long> ends = topics.endOffsetsByPartition(topic, isolation);
            final long records = ends.values().stream().mapToLong(Long::longValue).sum();
            if (records == 0) {
                throw new ScriptException(Text.format("table %s reads topic %s on %s, which is empty: give its records with --input %s=FILE"
                        + " (one a line), or verify on your broker with --bootstrap-servers", table, topic, bootstrapServers, table));
            }
            return new FrozenKafkaInput(table, topic, bootstrapServers, Map.copyOf(ends), records, file);
        }
    }

    /**
     * The options every run reads this input with: its topic on its broker, bounded at the frozen
     * offsets; a source that starts at its consumer group's offsets (Flink's default) starts at the
     * topic's start instead, as the group is each run's own and has none.
     */
    Map<String, String> options(Map<String, String> script) {
        final Map<String, String> options = new LinkedHashMap<>();
        options.put("topic", topic);
        options.put("properties.bootstrap.servers", bootstrapServers);
        if ("group-offsets".equals(script.getOrDefault("scan.startup.mode", "group-offsets"))) {
            options.put("scan.startup.mode", "earliest-offset");
        }
        options.put("scan.bounded.mode", "specific-offsets");
        options.put("scan.bounded.specific-offsets", boundedAt(ends));
        return options;
    }

    /** {@code partition:0,offset:200;…}: where a Kafka table's {@code specific-offsets} mode stops (or starts). */
    static String boundedAt(Map<Integer, Long> ends) {
        return ends.entrySet().stream().map(end -> "partition:" + end.getKey() + ",offset:" + end.getValue()).collect(Collectors.joining(";"));
    }

    /** {@code orders: topic orders, 200 records (from data/verify/orders.csv), read up to offset 200 of partition 0}. */
    String describe() {
        return Text.format("%s: topic %s, %d records%s, every run reads up to %s", table, topic, records,
                filledFrom == null ? Text.of(" (the topic as it was)") : Text.format(" (written once from %s)", filledFrom),
                ends.entrySet().stream().map(end -> Text.format("offset %d of partition %d", end.getValue(), end.getKey()))
                        .collect(Collectors.joining(", ")));
    }
}
