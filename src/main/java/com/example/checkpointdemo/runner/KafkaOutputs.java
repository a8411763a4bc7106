package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.kafka.KafkaTopics;

import org.apache.kafka.common.TopicPartition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kafka sinks of a job, with where each of their topics ended before the job started: what
 * comes after is the job's own output, whatever earlier runs left in the topic.
 */
public record KafkaOutputs(List<KafkaTable> sinks, Map<String, Map<TopicPartition, Long>> endsBefore) {

    /** No Kafka sink. */
    static KafkaOutputs none() {
        return new KafkaOutputs(List.of(), Map.of());
    }

    /**
     * Notes where the topics of {@code sinks} end now (creating a topic that does not exist yet);
     * a broker that does not answer is a {@link ScriptException}, before any job starts.
     */
    static KafkaOutputs before(List<KafkaTable> sinks, String where) {
        final Map<String, Map<TopicPartition, Long>> ends = new LinkedHashMap<>();
        for (KafkaTable sink : sinks) {
            try (KafkaTopics topics = new KafkaTopics(sink.bootstrapServers())) {
                topics.create(sink.topic());
                ends.put(sink.name(), topics.endOffsets(sink.topic(), KafkaTopics.Isolation.READ_UNCOMMITTED));
            } catch (RuntimeException e) {
                throw unreachable(sink, where, e);
            }
        }
        return new KafkaOutputs(sinks, ends);
    }

    /** Fails, before the job starts, when {@code source}'s topic is missing or empty. */
    static void requireInput(KafkaTable source) {
        final Map<TopicPartition, Long> ends;
        try (KafkaTopics topics = new KafkaTopics(source.bootstrapServers())) {
            ends = topics.endOffsets(source.topic(), KafkaTopics.Isolation.READ_COMMITTED);
        } catch (RuntimeException e) {
            throw unreachable(source, source.declaredAt(), e);
        }
        if (ends.values().stream().mapToLong(Long::longValue).sum() == 0) {
            throw new ScriptException(source.declaredAt() + ": table " + source.name() + " reads topic " + source.topic()
                    + " on " + source.bootstrapServers() + ", which is empty: there is nothing to sum (bin/kafka start"
                    + " fills it from data/checkpoint_numbers.csv)");
        }
    }

    private static ScriptException unreachable(KafkaTable table, String where, RuntimeException e) {
        return new ScriptException(where + ": table " + table.name() + " uses Kafka at " + table.bootstrapServers()
                + ", which does not answer (" + ScriptErrors.rootMessage(e) + "): start a broker with bin/kafka start,"
                + " or run bin/demo --kafka, which starts its own", e);
    }

    /** The first sink whose columns begin with {@code columns}. */
    public Optional<KafkaTable> withColumns(List<String> columns) {
        return SinkTable.firstStartingWith(sinks, columns);
    }

    /** Where {@code sink}'s topic ended before the job. */
    public Map<TopicPartition, Long> before(KafkaTable sink) {
        return endsBefore.getOrDefault(sink.name(), Map.of());
    }
}
