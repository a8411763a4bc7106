package com.example.checkpointdemo.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What the demo asks of a Kafka broker as a client: topics created and filled with the input,
 * the records a job wrote read back as a consumer with {@code read_committed} (what a correct
 * consumer sees) or {@code read_uncommitted} (Kafka's default: aborted transactions included),
 * a consumer group's committed offsets, and the transactions still open.
 */
public final class KafkaTopics implements AutoCloseable {

    /** How a consumer reads transactional records: Kafka's {@code isolation.level}. */
    public enum Isolation {
        READ_COMMITTED, READ_UNCOMMITTED;

        /** As Kafka's {@code isolation.level} names it. */
        public String config() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The level a Kafka table reads at: its {@code properties.isolation.level}, else Kafka's default, {@code read_uncommitted}. */
        public static Isolation ofTable(Map<String, String> options) {
            return READ_COMMITTED.config().equals(options.getOrDefault("properties.isolation.level", "").strip().toLowerCase(Locale.ROOT))
                    ? READ_COMMITTED : READ_UNCOMMITTED;
        }
    }

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final Admin admin;

    /** A client of the broker at {@code bootstrapServers}. */
    public KafkaTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000));
    }

    /** Where the broker is. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates {@code topic} with one partition, unless it exists. */
    public void create(String topic) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + " on " + bootstrapServers + ": " + e.getCause(), e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic + " on " + bootstrapServers + ": " + e, e);
        }
    }

    /** Appends {@code values} to {@code topic}, one record each, in order, and waits until the broker has them. */
    public void produce(String topic, List<String> values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value));
            }
            producer.flush();
        }
    }

    /** The offset after the last record of each partition of {@code topic}, as {@code isolation} sees it, by partition number. */
    public Map<Integer, Long> endOffsetsByPartition(String topic, Isolation isolation) {
        final Map<Integer, Long> ends = new TreeMap<>();
        endOffsets(topic, isolation).forEach((partition, offset) -> ends.put(partition.partition(), offset));
        return ends;
    }

    /** The offset after the last record of each partition of {@code topic}, as {@code isolation} sees it. */
    public Map<TopicPartition, Long> endOffsets(String topic, Isolation isolation) {
        try (KafkaConsumer<String, String> consumer = consumer(isolation)) {
            final List<TopicPartition> partitions = partitions(consumer, topic);
            return new HashMap<>(consumer.endOffsets(partitions, READ_TIMEOUT));
        }
    }

    /** The values of {@code topic}'s records from {@code from} (per partition; 0 where absent) to its end, as {@code isolation} sees them. */
    public List<String> read(String topic, Map<TopicPartition, Long> from, Isolation isolation) {
        return records(topic, from, isolation).stream().map(Record::value).toList();
    }

    /** A record's key and value as text (null where the record has none: a tombstone's value); its partition and offset. */
    public record Record(int partition, long offset, String key, String value) {}

    /**
     * {@code topic}'s records from {@code from} (per partition; 0 where absent) to its end, as
     * {@code isolation} sees them: with {@code read_committed} the end is the last stable offset,
     * so a transaction still open stops the read before its records rather than holding it.
     */
    public List<Record> records(String topic, Map<TopicPartition, Long> from, Isolation isolation) {
        try (KafkaConsumer<String, String> consumer = consumer(isolation)) {
            final List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            final List<Record> values = new ArrayList<>();
            final long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " (" + isolation.config() + ") did not reach its end "
                            + end + " within " + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    values.add(new Record(record.partition(), record.offset(), record.key(), record.value()));
                }
            }
            return values;
        }
    }

    /** Something that says to stop waiting: e.g. the job that was to write has ended. */
    public interface GiveUp {
        boolean now() throws Exception;
    }

    /**
     * Waits, as one consumer with {@code isolation} reading {@code topic} from {@code from}, until a
     * record's value passes {@code wanted}; fails when {@code giveUp} says so or {@code timeout} passes.
     */
    public void awaitRecord(String topic, Map<TopicPartition, Long> from, java.util.function.Predicate<String> wanted,
            Isolation isolation, Duration timeout, GiveUp giveUp) throws Exception {
        try (KafkaConsumer<String, String> consumer = consumer(isolation)) {
            final List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                    if (wanted.test(record.value())) {
                        return;
                    }
                }
                if (giveUp.now()) {
                    throw new IllegalStateException(topic + " did not get the awaited record before its writer ended");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + " did not get the awaited record within " + timeout);
                }
            }
        }
    }

    /** The broker's transaction protocol ({@code transaction.version}: 1 or 2; 0 where it has none finalized). */
    public int transactionVersion() {
        try {
            final var finalized = admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS).finalizedFeatures();
            final var version = finalized.get("transaction.version");
            return version == null ? 0 : version.maxVersionLevel();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the features of " + bootstrapServers + ": " + e, e);
        }
    }

    /** The offsets the consumer group {@code group} committed, by {@code topic-partition}. */
    public Map<String, Long> groupOffsets(String group) {
        try {
            final Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            final Map<String, Long> byPartition = new TreeMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    byPartition.put(partition.toString(), offset.offset());
                }
            });
            return byPartition;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of consumer group " + group + ": " + e, e);
        }
    }

    /** The transactions whose id starts with {@code prefix} and that are neither committed nor aborted, by id. */
    public Map<String, TransactionState> openTransactions(String prefix) {
        try {
            final Collection<TransactionListing> listings = admin.listTransactions(new ListTransactionsOptions()
                    .filterOnTransactionalIdPattern(java.util.regex.Pattern.quote(prefix) + ".*")).all().get(30, TimeUnit.SECONDS);
            final Set<TransactionState> done = Set.of(TransactionState.COMPLETE_ABORT, TransactionState.COMPLETE_COMMIT, TransactionState.EMPTY);
            return listings.stream().filter(t -> !done.contains(t.state()))
                    .collect(Collectors.toMap(TransactionListing::transactionalId, TransactionListing::state, (a, b) -> a, TreeMap::new));
        } catch (Exception e) {
            throw new IllegalStateException("cannot list the transactions of " + bootstrapServers + ": " + e, e);
        }
    }

    private KafkaConsumer<String, String> consumer(Isolation isolation) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.config(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        return consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
