package com.example.checkpointdemo.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars a cluster process runs with: Flink and its connectors and formats, as the Maven build
 * lists them, but not our classes; jobs bring those in udf.jar, as on a Flink distribution.
 */
final class FlinkClassPath {

    private static final Path LISTS = Path.of("target/classpath");

    private FlinkClassPath() {}

    static List<String> fromBuild() {
        final List<String> jars = new ArrayList<>();
        for (String list : List.of("provided.txt", "runtime.txt")) {
            try {
                for (String jar : Files.readString(LISTS.resolve(list)).strip().split(File.pathSeparator)) {
                    if (!jar.isEmpty() && !jars.contains(jar)) {
                        jars.add(jar);
                    }
                }
            } catch (IOException e) {
                throw new ClusterException(
                        "no build: " + LISTS.resolve(list) + " is missing; run mvn package (bin/cluster does)");
            }
        }
        return jars;
    }
}
