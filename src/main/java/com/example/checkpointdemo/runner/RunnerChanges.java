package com.example.checkpointdemo.runner;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a runner is asked to run differently from the script, each with why: settings instead of
 * the script's {@code SET}s, options of a table instead of its {@code WITH}, and where the Kafka
 * tables' broker is, and where the file tables are. The script's session applies them and reports each ({@link ChangedSetting}).
 */
final class RunnerChanges {

    /** A value given to the runner, and why. */
    record Given(String value, String why) {}

    final Map<String, Given> settings = new LinkedHashMap<>();
    final Map<String, Map<String, Given>> tableOptions = new LinkedHashMap<>();
    @Nullable Given kafkaBootstrapServers;
    /** What every Kafka table's topic, consumer group and transactional-id prefix gain at their end, and why; null: none. */
    @Nullable Given kafkaSuffix;
    /** Where every filesystem table moves to (an {@code s3://bucket}), and why; null: they stay. */
    @Nullable Given fileTablesRoot;
    /** Tables read through a view that lets one row through per this many milliseconds, and why. */
    final Map<String, Given> pacedTables = new LinkedHashMap<>();
    /** The user's jars (functions, formats), added to the session first as the SQL Client's {@code -j} adds them. */
    final java.util.List<Path> jars = new java.util.ArrayList<>();
    /** Why the script's {@code fail_on} is NULL here; null: it stays. */
    @Nullable String noFailOn;

    /** The settings' values, by key. */
    Map<String, String> settingValues() {
        final Map<String, String> values = new LinkedHashMap<>();
        settings.forEach((key, given) -> values.put(key, given.value()));
        return values;
    }
}
