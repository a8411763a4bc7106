package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.cluster.ClusterProcess;
import com.example.checkpointdemo.kafka.DemoTopics;
import com.example.checkpointdemo.kafka.KafkaBroker;
import com.example.checkpointdemo.kafka.KafkaTopics;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code bin/kafka}: a single-node Kafka broker as a process on this machine, for the Kafka lesson. */
@Command(
        name = "kafka",
        mixinStandardHelpOptions = true,
        versionProvider = Versions.class,
        commandListHeading = "%nCommands:%n",
        optionListHeading = "%nOptions:%n",
        subcommands = {KafkaCommand.Start.class, KafkaCommand.Status.class, KafkaCommand.Read.class, KafkaCommand.Stop.class},
        description = {
            "A single-node Kafka broker (KRaft) as a process on this machine, on 127.0.0.1.",
            "Its settings, each with why: conf/kafka/server.properties",
            "Its jars, from Maven: conf/kafka/pom.xml",
            "Its data, log and pid: target/kafka (or $DEMO_KAFKA_DIR)",
            "",
            "Run the Kafka lesson on it with:",
            "",
            "  bin/sql-client -f sql/kafka/checkpoint_demo.sql -j target/udf.jar",
            "  bin/demo --kafka --bootstrap-servers 127.0.0.1:9092"
        })
public final class KafkaCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new KafkaCommand()).execute(args));
    }

    static KafkaBroker broker() {
        return new KafkaBroker(Path.of(Optional.ofNullable(System.getenv("DEMO_KAFKA_DIR")).orElse("target/kafka")));
    }

    @Command(name = "start", mixinStandardHelpOptions = true, optionListHeading = "%nOptions:%n",
            description = "Formats and starts a fresh broker, creates the demo's topics and fills checkpoint-demo-numbers"
                    + " from data/checkpoint_numbers.csv; returns once the broker answers.")
    static final class Start implements Callable<Integer> {
        @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + KafkaBroker.DEFAULT_PORT,
                description = "The broker's port (default: ${DEFAULT-VALUE}); its controller takes the next one.")
        int port;

        @Option(names = "--transaction-version", paramLabel = "V", defaultValue = "1",
                description = "Kafka's transaction protocol, 1 or 2 (default: ${DEFAULT-VALUE}; docs/kafka.md says why).")
        int transactionVersion;

        @Override
        public Integer call() {
            return ClusterCommand.run(() -> {
                if (transactionVersion != 1 && transactionVersion != 2) {
                    return Cli.badArgument("--transaction-version is 1 or 2, not " + transactionVersion);
                }
                final KafkaBroker broker = broker();
                System.out.println("Starting a Kafka broker (log in " + broker.log() + ")...");
                broker.start(port, transactionVersion);
                try (KafkaTopics topics = new KafkaTopics(broker.bootstrapServers())) {
                    DemoTopics.prepare(topics, DemoTopics.INPUT);
                }
                printStatus(broker);
                return Cli.OK;
            });
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "The broker's address and pid, the demo's topics with their records, and the transactions still open.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            return ClusterCommand.run(() -> printStatus(broker()) ? Cli.OK : Cli.NOT_SHOWN);
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true, optionListHeading = "%nOptions:%n",
            description = "Prints the records of TOPIC as a consumer with read_committed sees them (--uncommitted: Kafka's"
                    + " default, read_uncommitted, which also sees the records of aborted transactions).")
    static final class Read implements Callable<Integer> {
        @Parameters(paramLabel = "TOPIC", defaultValue = DemoTopics.SUMS, description = "Default: ${DEFAULT-VALUE}.")
        String topic;

        @Option(names = "--uncommitted", description = "Read with isolation.level=read_uncommitted.")
        boolean uncommitted;

        @Override
        public Integer call() {
            return ClusterCommand.run(() -> {
                try (KafkaTopics topics = new KafkaTopics(running(broker()).bootstrapServers())) {
                    final List<String> records = topics.read(topic, Map.of(),
                            uncommitted ? KafkaTopics.Isolation.READ_UNCOMMITTED : KafkaTopics.Isolation.READ_COMMITTED);
                    records.forEach(System.out::println);
                    System.err.println(records.size() + " records (" + (uncommitted ? "read_uncommitted" : "read_committed") + ")");
                }
                return Cli.OK;
            });
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stops the broker bin/kafka started (SIGTERM, SIGKILL after 15 s); its data stays until the next start.")
    static final class Stop implements Callable<Integer> {
        @Override
        public Integer call() {
            return ClusterCommand.run(() -> {
                final Optional<ClusterProcess> stopped = broker().stop();
                System.out.println(stopped.map(p -> "stopped " + p).orElse("no Kafka broker was running"));
                return Cli.OK;
            });
        }
    }

    private static KafkaBroker running(KafkaBroker broker) {
        if (!broker.isRunning()) {
            throw new com.example.checkpointdemo.cluster.ClusterException("no Kafka broker runs from " + broker.home() + ": bin/kafka start");
        }
        return broker;
    }

    /** Prints the broker, its topics and open transactions; whether it runs. */
    private static boolean printStatus(KafkaBroker broker) {
        final Optional<ClusterProcess> process = broker.process();
        if (process.isEmpty() || !process.get().isAlive()) {
            System.out.println("kafka          " + process.map(p -> "pid " + p.pid() + "  not running").orElse("not started")
                    + "  (bin/kafka start)");
            return false;
        }
        System.out.printf("kafka          %s  pid %d  running  log %s%n", broker.bootstrapServers(), process.get().pid(), broker.log());
        try (KafkaTopics topics = new KafkaTopics(broker.bootstrapServers())) {
            for (String topic : List.of(DemoTopics.NUMBERS, DemoTopics.SUMS, DemoTopics.REJECTS)) {
                final int committed = topics.read(topic, Map.of(), KafkaTopics.Isolation.READ_COMMITTED).size();
                final int all = topics.read(topic, Map.of(), KafkaTopics.Isolation.READ_UNCOMMITTED).size();
                System.out.printf("topic          %-26s %d records read_committed, %d read_uncommitted%n", topic, committed, all);
            }
            final Map<String, ?> open = topics.openTransactions("checkpoint-demo");
            System.out.println("transactions   " + (open.isEmpty() ? "none open" : open + " open"));
        }
        return true;
    }
}
