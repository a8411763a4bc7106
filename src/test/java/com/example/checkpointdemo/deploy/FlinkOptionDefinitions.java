package com.example.checkpointdemo.deploy;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every configuration option Flink 2.3.0 defines, as its own classes declare them: the {@code
 * ConfigOption} constants of Flink's {@code *Options} classes on this class path (flink-core,
 * flink-runtime, the table modules, the connectors) and of the S3 plugin's factory, by key and by
 * each deprecated key that still works. What a configuration file names is checked against them.
 */
final class FlinkOptionDefinitions {

    /** Keys of the Kubernetes operator's own settings, which Flink does not define (not checked). */
    static final String OPERATOR_PREFIX = "kubernetes.operator.";

    private final Map<String, ConfigOption<?>> byKey;

    private FlinkOptionDefinitions(Map<String, ConfigOption<?>> byKey) {
        this.byKey = byKey;
    }

    /** The options of the Flink jars on this class path and of the S3 plugin in target/flink-plugins. */
    static FlinkOptionDefinitions load() throws IOException {
        final Map<String, ConfigOption<?>> options = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            final Path jar = Path.of(entry);
            if (jar.getFileName().toString().startsWith("flink-") && jar.toString().endsWith(".jar")) {
                collect(jar, FlinkOptionDefinitions.class.getClassLoader(), name -> name.endsWith("Options"), options);
            }
        }
        try (Stream<Path> plugins = Files.list(Path.of("target/flink-plugins/s3-fs-native"))) {
            for (Path jar : plugins.filter(p -> p.toString().endsWith(".jar")).toList()) {
                final URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, FlinkOptionDefinitions.class.getClassLoader());
                collect(jar, loader, name -> name.endsWith("FileSystemFactory"), options);
            }
        }
        return new FlinkOptionDefinitions(options);
    }

    private static void collect(Path jar, ClassLoader loader, java.util.function.Predicate<String> named,
            Map<String, ConfigOption<?>> options) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                final String entry = entries.nextElement().getName();
                if (!entry.startsWith("org/apache/flink/") || !entry.endsWith(".class") || entry.contains("$")
                        || entry.contains("/shaded/")) {
                    continue;
                }
                final String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                if (named.test(name)) {
                    // The SQL Gateway's REST endpoint takes its options under its own prefix.
                    final String prefix = name.endsWith(".SqlGatewayRestOptions") ? "sql-gateway.endpoint.rest." : "";
                    constants(name, loader).forEach(option -> {
                        options.putIfAbsent(prefix + option.key(), option);
                        for (FallbackKey fallback : option.fallbackKeys()) {
                            options.putIfAbsent(prefix + fallback.getKey(), option);
                        }
                    });
                }
            }
        }
    }

    private static List<ConfigOption<?>> constants(String className, ClassLoader loader) {
        final List<ConfigOption<?>> found = new ArrayList<>();
        try {
            for (Field field : Class.forName(className, true, loader).getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && ConfigOption.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    found.add((ConfigOption<?>) field.get(null));
                }
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException notLoadable) {
            return Collections.emptyList(); // a class that needs what this class path lacks defines nothing we use
        }
        return found;
    }

    /** The default value of the option with this key (or fallback key); empty for an unknown key or no default. */
    Optional<Object> defaultOf(String key) {
        return Optional.ofNullable(byKey.get(key)).filter(ConfigOption::hasDefaultValue).map(ConfigOption::defaultValue);
    }

    /** How many keys are known. */
    int size() {
        return byKey.size();
    }

    /**
     * What is wrong with {@code key: value} in {@code where}: an unknown key (with the nearest
     * known one), or a value Flink cannot read as the option's type. Empty when Flink takes it.
     */
    Optional<String> problem(String where, String key, String value) {
        if (key.startsWith(OPERATOR_PREFIX)) {
            return Optional.empty();
        }
        final ConfigOption<?> option = byKey.get(key);
        if (option == null) {
            return Optional.of(where + ": '" + key + "' is no option of Flink 2.3.0 (nearest: '" + nearest(key) + "')");
        }
        try {
            Configuration.fromMap(Map.of(key, value)).get(option);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(where + ": '" + key + "' = '" + value + "' is not a valid value: " + e.getMessage());
        }
    }

    private String nearest(String key) {
        return byKey.keySet().stream().min(Comparator.comparingInt(known -> distance(known, key))).orElse("");
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            final int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                current[j] = Math.min(Math.min(current[j - 1], previous[j]) + 1,
                        previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
