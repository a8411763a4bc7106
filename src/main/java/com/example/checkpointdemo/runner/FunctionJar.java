package com.example.checkpointdemo.runner;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A learner's Java function as a jar a script can {@code ADD JAR}: one source file compiled
 * against this JVM's class path (Flink, the demo's classes). A file that does not compile is a
 * {@link ScriptException} naming its lines, as a script's mistake is.
 */
public final class FunctionJar {

    private FunctionJar() {}

    /** Compiles {@code source} into {@code folder}/classes and packs it as {@code folder}/functions.jar. */
    public static Path compile(Path source, Path folder) {
        final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new ScriptException("cannot compile " + source + ": this Java has no compiler (a JDK is needed, not a JRE)");
        }
        if (!Files.isRegularFile(source)) {
            throw new ScriptException(source + ": no such file");
        }
        try {
            final Path classes = Files.createDirectories(folder.resolve("classes"));
            // javac wants a public class in a file of its name: the learner's copy may be named otherwise.
            final Path copy = Files.createDirectories(folder.resolve("source")).resolve(publicClassOf(source) + ".java");
            Files.copy(source, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            final DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                final List<String> options = List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                        "-encoding", "UTF-8", "-proc:none");
                final boolean compiled = compiler.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(copy)).call();
                if (!compiled) {
                    throw new ScriptException(diagnostics.getDiagnostics().stream()
                            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                            .map(d -> source + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                            .collect(Collectors.joining(System.lineSeparator())));
                }
            }
            return jar(classes, folder.resolve("functions.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile " + source, e);
        }
    }

    /** The name of the file's public class, so that javac finds it where it expects it. */
    private static String publicClassOf(Path source) throws IOException {
        final java.util.regex.Matcher declared = java.util.regex.Pattern.compile("public\\s+(?:final\\s+|abstract\\s+)*class\\s+(\\w+)")
                .matcher(Files.readString(source));
        return declared.find() ? declared.group(1) : source.getFileName().toString().replaceFirst("\\.java$", "");
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream packed = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                packed.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, packed);
                packed.closeEntry();
            }
        }
        return jar;
    }
}
