package com.example.checkpointdemo.kafka;

import com.example.checkpointdemo.cluster.ProcessHome;
import com.example.checkpointdemo.cluster.RunHome;
import com.example.checkpointdemo.cluster.StopOnExit;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The broker a run uses: the one given ({@code --bootstrap-servers}, left running, which other runs
 * may use too: the run's topics, consumer group and transactional ids then carry a suffix of its
 * own), or one of the run's own, started fresh on free ports in a home of the run's own ({@link
 * RunHome}) and stopped when the run ends (or a test's, which the test stops).
 */
public final class KafkaForRun implements AutoCloseable {

    private final String bootstrapServers;
    private final @Nullable KafkaBroker own;
    private final @Nullable StopOnExit stopOnExit;
    private final @Nullable String topicSuffix;

    private KafkaForRun(String bootstrapServers, @Nullable KafkaBroker own, @Nullable StopOnExit stopOnExit, @Nullable String topicSuffix) {
        this.bootstrapServers = bootstrapServers;
        this.own = own;
        this.stopOnExit = stopOnExit;
        this.topicSuffix = topicSuffix;
    }

    /**
     * The broker at {@code given}, or (null) a new one in a home of the run's own under {@code
     * base}, stopped when the JVM ends too (Ctrl-C), not only when the run does.
     */
    public static KafkaForRun start(@Nullable String given, Path base) throws IOException, InterruptedException {
        if (given != null) {
            return new KafkaForRun(given, null, null, "run-" + java.time.LocalDateTime.now()
                    .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + ProcessHandle.current().pid());
        }
        final KafkaBroker broker = new KafkaBroker(RunHome.claim(base));
        final StopOnExit stopOnExit = StopOnExit.register(broker::stop, "stop-kafka-broker");
        try {
            broker.start(ProcessHome.freePortPair(), 1);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stopOnExit.close();
            throw e;
        }
        return new KafkaForRun(broker.bootstrapServers(), broker, stopOnExit, null);
    }

    /** A run on {@code broker}, which someone else started and stops (a test's); it may kill and restart it. */
    public static KafkaForRun on(KafkaBroker broker) {
        return new KafkaForRun(broker.bootstrapServers(), broker, null, null);
    }

    /** Where the broker is. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * What the run's Kafka topics, consumer groups and transactional-id prefixes end with on a
     * broker that other runs may share ({@code -run-<time>-<pid>}); null on a broker of its own.
     */
    public @Nullable String topicSuffix() {
        return topicSuffix;
    }

    /** The topic {@code topic} of the script as this run uses it. */
    public String topic(String topic) {
        return topicSuffix == null ? topic : topic + "-" + topicSuffix;
    }

    /** The run's own broker; empty for a given one. */
    public Optional<KafkaBroker> own() {
        return Optional.ofNullable(own);
    }

    /** Why the scripts' Kafka tables point here: for the report's list of changes. */
    public String why() {
        return own != null ? "a Kafka broker of this run's own, on free ports" : "--bootstrap-servers";
    }

    @Override
    public void close() {
        if (stopOnExit != null) {
            stopOnExit.close();
        }
    }
}
