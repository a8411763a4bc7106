package com.example.checkpointdemo.kafka;

import com.example.checkpointdemo.cluster.ProcessHome;
import com.example.checkpointdemo.cluster.StopOnExit;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The broker a run uses: the one given ({@code --bootstrap-servers}, left running), or one of the
 * run's own, started fresh on free ports under {@code home} and stopped when the run ends (or a
 * test's, which the test stops).
 */
public final class KafkaForRun implements AutoCloseable {

    private final String bootstrapServers;
    private final @Nullable KafkaBroker own;
    private final @Nullable StopOnExit stopOnExit;

    private KafkaForRun(String bootstrapServers, @Nullable KafkaBroker own, @Nullable StopOnExit stopOnExit) {
        this.bootstrapServers = bootstrapServers;
        this.own = own;
        this.stopOnExit = stopOnExit;
    }

    /**
     * The broker at {@code given}, or (null) a new one under {@code home}: a broker a run that was
     * killed left there is stopped first (it is ours: its pid file says so), and this one is stopped
     * when the JVM ends too (Ctrl-C), not only when the run does.
     */
    public static KafkaForRun start(@Nullable String given, Path home) throws IOException, InterruptedException {
        if (given != null) {
            return new KafkaForRun(given, null, null);
        }
        final KafkaBroker broker = new KafkaBroker(home);
        broker.stop();
        final StopOnExit stopOnExit = StopOnExit.register(broker::stop, "stop-kafka-broker");
        try {
            broker.start(ProcessHome.freePortPair(), 1);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stopOnExit.close();
            throw e;
        }
        return new KafkaForRun(broker.bootstrapServers(), broker, stopOnExit);
    }

    /** A run on {@code broker}, which someone else started and stops (a test's); it may kill and restart it. */
    public static KafkaForRun on(KafkaBroker broker) {
        return new KafkaForRun(broker.bootstrapServers(), broker, null);
    }

    /** Where the broker is. */
    public String bootstrapServers() {
        return bootstrapServers;
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
