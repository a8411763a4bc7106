package com.example.checkpointdemo.runner;

import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedCatalogBaseTable;

import javax.annotation.Nullable;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table of the {@code kafka} or {@code upsert-kafka} connector: its topic, where its broker is, and what a reader of its
 * output needs to know (the source's consumer group, the sink's transactional id prefix), and where
 * the script declares it ({@code file:line}, for messages).
 */
public record KafkaTable(
        String name,
        String topic,
        String bootstrapServers,
        List<String> columns,
        @Nullable String group,
        @Nullable String transactionalIdPrefix,
        @Nullable String declaredAt) implements SinkTable {

    /** The option that says where the broker is. */
    static final String BOOTSTRAP = "properties.bootstrap.servers";

    /** The options that make a table's traffic its job's own on a broker: its topic, consumer group, transactional ids. */
    static final List<String> RUN_OWN = List.of("topic", "properties.group.id", "sink.transactional-id-prefix");

    /** The connectors whose tables are topics on a Kafka broker. */
    static final List<String> CONNECTORS = List.of("kafka", "upsert-kafka");

    /** Whether a table with these {@code WITH} options is a topic on a Kafka broker ({@code kafka} or {@code upsert-kafka}). */
    public static boolean isKafka(Map<String, String> options) {
        return CONNECTORS.contains(options.get("connector"));
    }

    /** The table as a Kafka table with one topic, or empty when it uses another connector. */
    static Optional<KafkaTable> of(String name, ResolvedCatalogBaseTable<?> table, @Nullable String declaredAt) {
        final Map<String, String> options = table.getOptions();
        if (!isKafka(options) || options.get("topic") == null) {
            return Optional.empty();
        }
        final List<String> columns = table.getResolvedSchema().getColumns().stream().map(Column::getName).toList();
        return Optional.of(new KafkaTable(name, options.get("topic"), options.getOrDefault(BOOTSTRAP, ""), columns,
                options.get("properties.group.id"), options.get("sink.transactional-id-prefix"), declaredAt));
    }
}
