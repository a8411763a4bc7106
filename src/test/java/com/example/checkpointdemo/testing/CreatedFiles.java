package com.example.checkpointdemo.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What appears under some directories while a test runs. A test that runs the real script, whose
 * paths are fixed, removes exactly what its job wrote and leaves everything else alone.
 */
public final class CreatedFiles implements AutoCloseable {

    private final List<Path> roots;
    private final Set<Path> before;

    private CreatedFiles(List<Path> roots) {
        this.roots = roots;
        this.before = list(roots);
    }

    /** Remembers what exists under {@code roots} now. */
    public static CreatedFiles under(Path... roots) {
        return new CreatedFiles(List.of(roots));
    }

    /** Files and directories that were not there before, deepest first. */
    public List<Path> created() {
        final Set<Path> now = list(roots);
        now.removeAll(before);
        return now.stream().sorted(Comparator.reverseOrder()).toList();
    }

    /** Deletes what was created. */
    @Override
    public void close() {
        for (Path path : created()) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clean up " + path, e);
            }
        }
    }

    private static Set<Path> list(List<Path> roots) {
        final Set<Path> paths = new HashSet<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.forEach(paths::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }
        return paths;
    }
}
