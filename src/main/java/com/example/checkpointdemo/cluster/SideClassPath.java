package com.example.checkpointdemo.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The class path of a server that must not share the jobs' class path (a Kafka broker brings Scala
 * and its own Kafka; an object store its own libraries): the dependencies of a small pom of its own
 * (conf/NAME/pom.xml), listed by Maven once into {@code target/NAME.classpath} and listed again
 * only when the pom changes.
 */
public final class SideClassPath {

    private SideClassPath() {}

    /** The jars of {@code pom}'s dependencies, downloading them with Maven the first time. */
    public static List<String> of(Path pom) {
        final Path list = Path.of("target").resolve(pom.getParent().getFileName() + ".classpath").toAbsolutePath();
        try {
            if (!Files.exists(list) || Files.getLastModifiedTime(list).compareTo(Files.getLastModifiedTime(pom)) < 0) {
                resolve(pom, list);
            }
            return List.of(Files.readString(list, StandardCharsets.UTF_8).strip().split(File.pathSeparator));
        } catch (IOException e) {
            throw new ClusterException("cannot list the jars of " + pom + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while listing the jars of " + pom);
        }
    }

    private static void resolve(Path pom, Path list) throws IOException, InterruptedException {
        Files.createDirectories(list.getParent());
        final Path log = list.resolveSibling(list.getFileName() + ".log");
        final Process maven = new ProcessBuilder("mvn", "-q", "-B", "-f", pom.toAbsolutePath().toString(),
                "dependency:build-classpath", "-Dmdep.outputFile=" + list)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (maven.waitFor() != 0 || !Files.exists(list)) {
            throw new ClusterException("Maven could not resolve " + pom + " (is Maven Central reachable?); its output is in "
                    + log + ":\n" + ProcessHome.tail(log, 10));
        }
    }
}
