package com.example.checkpointdemo.plumbing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Whole directories copied and deleted: checkpoint folders, a campaign run's folder. */
public final class Directories {

    private Directories() {}

    /** Copies {@code source} (a directory and what is under it) to {@code target}. */
    public static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                final Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
    }

    /**
     * Deletes {@code directory} and what is under it, if it exists. What another process deletes
     * meanwhile (a second run tidying the same old folder) is gone all the same: not an error.
     */
    public static void delete(Path directory) {
        while (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (NoSuchFileException goneWhileWalked) {
                // another process took part of it meanwhile: look again at what is left
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException)) {
                    throw new UncheckedIOException("cannot delete " + directory, e.getCause());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + directory, e);
            }
        }
    }
}
