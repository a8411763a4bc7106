package com.example.checkpointdemo.testing;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A jar of user functions the project never saw, built by the test as a user builds theirs: the
 * sources in {@code src/test/resources/verify/udfs} compiled against Flink alone, packed into a jar
 * to pass with {@code -j}.
 */
public final class UdfJar {

    private static final Path SOURCES = Path.of("src/test/resources/verify/udfs");

    private UdfJar() {}

    /** Compiles the sources into {@code dir} and returns the jar made of them. */
    public static Path build(Path dir) throws IOException {
        final Path classes = Files.createDirectories(dir.resolve("udf-classes"));
        final List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "-proc:none"));
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> arguments.add(file.toString()));
        }
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("the user functions in " + SOURCES + " did not compile");
        }
        final Path jar = dir.resolve("udfs.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> compiled = Files.walk(classes)) {
            for (Path klass : compiled.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(klass).toString().replace('\\', '/')));
                Files.copy(klass, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
