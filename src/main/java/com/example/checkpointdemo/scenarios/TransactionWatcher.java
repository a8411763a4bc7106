package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.kafka.KafkaTopics;
import com.example.checkpointdemo.report.CommittedFiles;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.runner.JobObserver;
import com.example.checkpointdemo.runner.KafkaTable;
import com.example.checkpointdemo.runner.RunningJob;

import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Kafka sink's topic twice while its job runs, polling every 50 ms: as {@code
 * read_uncommitted} (a row is there once the sink wrote it into its open transaction) and as
 * {@code read_committed} (once the transaction was committed), and notes when each row (its v and
 * attempt) was first seen each way: the two phases of the sink's commit. What it notes is our own
 * observation (to within its 50 ms), not a fact Flink reports.
 */
final class TransactionWatcher implements JobObserver {

    private static final Duration POLL = Duration.ofMillis(50);

    /** A row, when the sink's topic first showed it written, and committed (null: never). */
    record Seen(SumRow row, long writtenAt, Long committedAt) {}

    private final String sink;
    private final Map<String, Long> written = new LinkedHashMap<>();
    private final Map<String, Long> committed = new LinkedHashMap<>();
    private final Map<String, SumRow> rows = new LinkedHashMap<>();
    private volatile boolean running;
    private Thread thread;

    TransactionWatcher(String sink) {
        this.sink = sink;
    }

    @Override
    public void jobSubmitted(RunningJob job) {
        final KafkaTable table = job.kafkaSinks().sinks().stream().filter(t -> t.name().equals(sink)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the job writes no Kafka sink " + sink));
        final Map<TopicPartition, Long> before = job.kafkaSinks().before(table);
        running = true;
        thread = new Thread(() -> {
            try (KafkaConsumer<String, String> uncommitted = consumer(table, KafkaTopics.Isolation.READ_UNCOMMITTED, before);
                    KafkaConsumer<String, String> committedReader = consumer(table, KafkaTopics.Isolation.READ_COMMITTED, before)) {
                while (running) {
                    poll(uncommitted, written);
                    poll(committedReader, committed);
                }
                // A last look once the job has ended: its last commit is in by then.
                poll(uncommitted, written);
                poll(committedReader, committed);
            } catch (RuntimeException e) {
                // The broker went away with the run: what was seen stands (the judgement says if it is not enough).
            }
        }, "transaction-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void jobEnded(JobID jobId) {
        running = false;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void poll(KafkaConsumer<String, String> consumer, Map<String, Long> seen) {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
            final long now = System.currentTimeMillis();
            for (SumRow row : CommittedFiles.sumRowsOfRecords(List.of(record.value()), sink)) {
                final String key = row.v() + "/" + row.attempt();
                synchronized (this) {
                    seen.putIfAbsent(key, now);
                    rows.putIfAbsent(key, row);
                }
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(KafkaTable table, KafkaTopics.Isolation isolation,
            Map<TopicPartition, Long> from) {
        final KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, table.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.name().toLowerCase(Locale.ROOT),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
        final List<TopicPartition> partitions = consumer.partitionsFor(table.topic(), Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        partitions.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
        return consumer;
    }

    /** Every row the topic showed, in the order it was written, with when it was seen written and committed. */
    synchronized List<Seen> seen() {
        return written.entrySet().stream().map(e -> new Seen(rows.get(e.getKey()), e.getValue(), committed.get(e.getKey()))).toList();
    }
}
