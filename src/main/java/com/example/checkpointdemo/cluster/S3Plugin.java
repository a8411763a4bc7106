package com.example.checkpointdemo.cluster;


import org.apache.flink.configuration.ConfigConstants;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.PluginUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Flink's S3 file system ({@code flink-s3-fs-native}) as Flink loads it: a plugin in its own class
 * loader, found in {@code $FLINK_PLUGINS_DIR/s3-fs-native/} (the build puts it in
 * target/flink-plugins), in this JVM and in the processes it starts.
 */
public final class S3Plugin {

    private static final Path BUILT = Path.of("target/flink-plugins");
    private static final String FOLDER = "s3-fs-native";

    private S3Plugin() {}

    /** The plugins folder: {@code $FLINK_PLUGINS_DIR}, else the build's target/flink-plugins. */
    public static Path directory() {
        final String given = System.getenv(ConfigConstants.ENV_FLINK_PLUGINS_DIR);
        return (given != null ? Path.of(given) : BUILT).toAbsolutePath();
    }

    /** What a JobManager, TaskManager or SQL Client needs in its environment to load the plugin. */
    public static Map<String, String> environment() {
        return Map.of(ConfigConstants.ENV_FLINK_PLUGINS_DIR, requireJar().getParent().getParent().toString());
    }

    /**
     * Makes {@code s3://} paths work in this JVM (and in an embedded MiniCluster in it) with {@code
     * settings}: a MiniCluster does not hand its configuration to the file-system factories, so
     * without this the plugin finds no endpoint or region. It needs FLINK_PLUGINS_DIR set, as Flink
     * reads the plugins folder from the environment only.
     */
    public static void useInThisJvm(Map<String, String> settings) {
        requireJar();
        if (System.getenv(ConfigConstants.ENV_FLINK_PLUGINS_DIR) == null) {
            throw new ClusterException(ConfigConstants.ENV_FLINK_PLUGINS_DIR + " is not set: Flink finds its plugins"
                    + " through it (bin/demo sets it to " + BUILT + ")");
        }
        final Configuration config = Configuration.fromMap(settings);
        FileSystem.initialize(config, PluginUtils.createPluginManagerFromRootFolder(config));
    }

    /** The plugin's jar, or an error saying how to get it. */
    private static Path requireJar() {
        final Path folder = directory().resolve(FOLDER);
        try (Stream<Path> files = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).findFirst().orElseThrow(() ->
                    new ClusterException("no S3 file system plugin in " + folder + ": build it with mvn package"
                            + " (it copies flink-s3-fs-native there), or on a Flink install copy"
                            + " opt/flink-s3-fs-native-*.jar into plugins/" + FOLDER + "/"));
        } catch (IOException e) {
            throw new ClusterException("cannot list " + folder + ": " + e.getMessage());
        }
    }
}
