package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.kafka.DemoTopics;
import com.example.checkpointdemo.kafka.KafkaForRun;
import com.example.checkpointdemo.kafka.KafkaTopics;
import com.example.checkpointdemo.cluster.StoreForRun;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.plumbing.Json;
import com.example.checkpointdemo.runner.EmbeddedCluster;
import com.example.checkpointdemo.runner.ScriptErrors;
import com.example.checkpointdemo.runner.ScriptException;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/** What every command shares: an embedded cluster to run on, reports out, errors as exit codes. */
final class Cli {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Cli.class);

    /** Exit status: the run proved what it should. */
    static final int OK = 0;
    /** Exit status: the run ended, but did not show what it should (the message says why). */
    static final int NOT_SHOWN = 1;
    /** Exit status: bad arguments or a script that cannot run (picocli's usage errors are 2 too). */
    static final int BAD_INPUT = 2;
    /** Exit status: anything else. */
    static final int UNEXPECTED = 3;

    /** Work to do on a cluster; returns the exit status. */
    interface ClusterWork {
        int run(ClusterAddress cluster) throws Exception;
    }

    private Cli() {}

    /**
     * Runs {@code work} on a fresh embedded cluster and turns its errors into messages. The cluster
     * starts while the work begins (a script is planned meanwhile); the work prints its report
     * itself, before the cluster shuts down (which takes a second). With {@code keepUp}, the
     * cluster and its Web UI stay up after the work until Ctrl-C.
     */
    static int onEmbeddedCluster(boolean verbose, boolean keepUp, ClusterWork work) {
        final CompletableFuture<EmbeddedCluster> starting = EmbeddedCluster.startInBackground(4);
        try (AutoCloseable stop = () -> EmbeddedCluster.stop(starting)) {
            final ClusterAddress cluster = ClusterAddress.once(starting.thenApply(EmbeddedCluster::address));
            final int status = work.run(cluster);
            if (keepUp) {
                System.out.println("Flink's Web UI stays up at " + cluster + " until Ctrl-C.");
                new CountDownLatch(1).await();
            }
            return status;
        } catch (ScriptException e) {
            return error(verbose, e, e.getMessage(), BAD_INPUT);
        } catch (Exception e) {
            return error(verbose, e, ScriptErrors.rootMessage(e), UNEXPECTED);
        }
    }

    /**
     * The Kafka broker of a run: the one at {@code given} (the run's topics then its own, by a
     * suffix), or a fresh one of the run's own in target/kafka-run/RUN (stopped when the run ends);
     * its demo topics created, the input topic filled from data/checkpoint_numbers.csv if empty.
     */
    static KafkaForRun kafka(@Nullable String given) throws Exception {
        final KafkaForRun broker = KafkaForRun.start(given, Path.of("target/kafka-run"));
        if (given == null) {
            LOG.info("Started a Kafka broker of this run's own (data and log in {})", broker.own().orElseThrow().home());
        }
        try (KafkaTopics topics = new KafkaTopics(broker.bootstrapServers())) {
            final long records = DemoTopics.prepare(topics, DemoTopics.INPUT, broker::topic);
            LOG.info("Kafka broker at {}; topic {} holds {} records", broker.bootstrapServers(), broker.topic(DemoTopics.NUMBERS), records);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** The object store of a run: a fresh one in target/s3-run/RUN, stopped when the run ends. */
    static StoreForRun objectStore() throws Exception {
        final StoreForRun store = StoreForRun.start(Path.of("target/s3-run"));
        LOG.info("Started an object store of this run's own (S3Proxy; log and objects in {})", store.store().home());
        LOG.info("Object store at {}; the bucket's objects are files under {}", store.store().endpoint(), store.store().bucketFolder());
        return store;
    }

    /**
     * Runs {@code work}, which uses the run's own object store and broker (either null). A failure
     * while one of them is down is that server's, not the script's: it ends the run as an
     * unexpected error (exit 3) that names the process and its log, never as a mistake in the script.
     */
    static int whileServersRun(@Nullable StoreForRun store, @Nullable KafkaForRun broker, java.util.concurrent.Callable<Integer> work)
            throws Exception {
        final int status;
        try {
            status = work.call();
        } catch (Exception e) {
            final String gone = gone(store, broker);
            if (gone != null) {
                throw new com.example.checkpointdemo.cluster.ClusterException(
                        gone + " (the run failed on: " + ScriptErrors.rootMessage(e).lines().findFirst().orElse("") + ")");
            }
            throw e;
        }
        // A verdict reached while a server died under the run judges the server, not the job.
        final String gone = gone(store, broker);
        if (gone != null) {
            throw new com.example.checkpointdemo.cluster.ClusterException(gone + " (it stopped during the run, which judged the job anyway)");
        }
        return status;
    }

    /** Which of the run's own servers is not running, with its log; null when all run. */
    private static @Nullable String gone(@Nullable StoreForRun store, @Nullable KafkaForRun broker) {
        final java.util.List<String> gone = new java.util.ArrayList<>();
        if (store != null && !store.store().isRunning()) {
            gone.add("the run's object store (" + store.store().process().map(Object::toString).orElse("s3proxy")
                    + ") is gone; its log: " + store.store().log());
        }
        java.util.Optional.ofNullable(broker).flatMap(KafkaForRun::own).filter(own -> !own.isRunning()).ifPresent(own -> gone.add(
                "the run's Kafka broker (" + own.process().map(Object::toString).orElse("kafka") + ") is gone; its log: " + own.log()));
        return gone.isEmpty() ? null : String.join("; ", gone);
    }

    /** Prints {@code text} after a blank line; writes {@code report} as JSON if {@code file} is set. */
    static void show(String text, Object report, @Nullable Path file) throws IOException {
        System.out.println();
        System.out.print(text);
        if (file != null) {
            Json.write(report, file);
        }
    }

    /**
     * Keeps log messages off the console (they stay in the log file): a campaign injects failures
     * on purpose, and the warnings and progress lines would bury its table. Every logger context
     * is changed: Flink's RPC system logs through its own class loader, hence its own context.
     */
    static void logToFileOnly() {
        for (LoggerContext context : ((Log4jContextFactory) LogManager.getFactory()).getSelector().getLoggerContexts()) {
            context.getConfiguration().getLoggers().values().forEach(logger -> {
                logger.removeAppender("Warnings");
                logger.removeAppender("Console");
            });
            context.getConfiguration().getRootLogger().removeAppender("Warnings");
            context.updateLoggers();
        }
    }

    /** An argument that cannot work, named before anything starts. */
    static int badArgument(String message) {
        System.err.println("error: " + message);
        return BAD_INPUT;
    }

    private static int error(boolean verbose, Exception e, String message, int exitCode) {
        System.err.println("error: " + message);
        if (verbose) {
            e.printStackTrace();
        } else if (exitCode == UNEXPECTED) {
            System.err.println("(run with --verbose for the stack trace; the Flink log is in target/logs)");
        }
        return exitCode;
    }
}
