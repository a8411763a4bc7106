package com.example.checkpointdemo.cluster;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The configuration directory of a local cluster: conf/cluster's config.yaml with the ports
 * added (with high availability, the ZooKeeper keys and a zoo.cfg; with an object store, its
 * S3 keys), and its log4j.properties.
 */
final class ClusterConfig {

    /**
     * ZooKeeper's tick: sessions may last 2 to 20 ticks, so a dead leader's session, and its
     * leadership, expire within the 6 s the JobManagers ask for, not Flink's default 60 s.
     */
    private static final int TICK_MILLIS = 500;

    private final Path home;
    private final Path template;

    ClusterConfig(Path home, Path template) {
        this.home = home;
        this.template = template;
    }

    /** Writes the configuration; with {@code store}, checkpoints, savepoints and HA data go to its bucket. */
    void write(LocalFlinkCluster.Ports ports, boolean highAvailability, @Nullable ObjectStore store) throws IOException {
        final Path conf = home.resolve("conf");
        Files.createDirectories(conf);
        Files.createDirectories(home.resolve("log"));
        final StringBuilder config = new StringBuilder(Files.readString(template.resolve("config.yaml")))
                .append("\n# Added by bin/cluster start.\n")
                .append("rest.port: ").append(ports.rest()).append('\n')
                .append("jobmanager.rpc.port: ").append(ports.rpc()).append('\n');
        if (store == null) {
            config.append("execution.checkpointing.dir: ").append(home.resolve("checkpoints").toUri()).append('\n');
        } else {
            config.append("\n# Checkpoints, savepoints and (with --ha) HA data in the object store (S3Proxy, at ")
                    .append(home.relativize(store.bucketFolder())).append(" on disk), through Flink's S3 file system\n")
                    .append("# (the flink-s3-fs-native plugin). Path-style addresses: http://127.0.0.1:PORT/demo/..., not demo.127.0.0.1.\n")
                    .append("execution.checkpointing.dir: ").append(ObjectStore.uri("checkpoints")).append('\n')
                    .append("execution.checkpointing.savepoint-dir: ").append(ObjectStore.uri("savepoints")).append('\n');
            store.flinkSettings().forEach((key, value) -> config.append(key).append(": ").append(value).append('\n'));
        }
        Files.deleteIfExists(conf.resolve("zoo.cfg"));
        if (highAvailability) {
            config.append("\n# High availability: the JobManagers elect a leader in ZooKeeper and keep the jobs,\n")
                    .append("# their jars and their checkpoints' pointers where a new leader finds them.\n")
                    .append("high-availability.type: zookeeper\n")
                    .append("high-availability.zookeeper.quorum: 127.0.0.1:").append(ports.zookeeper()).append('\n')
                    .append("high-availability.storageDir: ").append(store == null ? home.resolve("ha").toUri() : ObjectStore.uri("ha")).append('\n')
                    // A fresh id per start: a new cluster must not recover the jobs of an old one.
                    .append("high-availability.cluster-id: /checkpoint-demo-").append(System.currentTimeMillis()).append('\n')
                    .append("high-availability.zookeeper.client.session-timeout: 6 s\n")
                    .append("high-availability.zookeeper.client.connection-timeout: 3 s\n");
            Files.writeString(conf.resolve("zoo.cfg"),
                    "# ZooKeeper for bin/cluster start --ha: one server, on 127.0.0.1 only.\n"
                            + "tickTime=" + TICK_MILLIS + "\n"
                            + "dataDir=" + home.resolve("zookeeper") + "\n"
                            + "clientPort=" + ports.zookeeper() + "\n"
                            + "clientPortAddress=127.0.0.1\n"
                            + "admin.enableServer=false\n");
        }
        Files.writeString(conf.resolve("config.yaml"), config);
        Files.copy(template.resolve("log4j.properties"), conf.resolve("log4j.properties"), StandardCopyOption.REPLACE_EXISTING);
    }
}
