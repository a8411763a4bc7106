package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.testing.Processes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/lib/cds.sh, as bin/sql-client uses it: the first run writes a class-data archive, the next
 * one maps it, and both say and do the same.
 */
class ClassDataArchiveITCase {

    @TempDir Path dir;

    @Test
    void theFirstRunWritesTheArchiveAndTheNextUsesItToTheSameEffect() throws Exception {
        final Path script = Files.writeString(dir.resolve("set.sql"), "SET 'parallelism.default' = '1';\n");
        final Path archives = dir.resolve("cds");
        final Map<String, String> environment =
                Map.of("DEMO_CDS", "on", "DEMO_CDS_DIR", archives.toString(), "DEMO_LOG_DIR", dir.toString());

        final Processes.Finished first = Processes.run(dir.resolve("first.txt"), environment, "bin/sql-client", "-f", script.toString());
        final Processes.Finished second = Processes.run(dir.resolve("second.txt"), environment, "bin/sql-client", "-f", script.toString());

        assertThat(first.exitCode()).as(first.console()).isZero();
        // One archive for the class path, named after it: sql-client-<key>.jsa.
        final java.util.regex.Matcher saved = java.util.regex.Pattern.compile("also saving its classes to (\\S+\\.jsa)").matcher(first.console());
        assertThat(saved.find()).as(first.console()).isTrue();
        assertThat(Path.of(saved.group(1))).isNotEmptyFile().hasParent(archives);
        assertThat(Path.of(saved.group(1)).getFileName().toString()).matches("sql-client-\\d+\\.jsa");
        assertThat(second.exitCode()).as(second.console()).isZero();
        assertThat(second.console()).doesNotContain("also saving");
        assertThat(second.console()).contains("[INFO] Execute statement succeeded.");
        assertThat(first.console()).contains("[INFO] Execute statement succeeded.");
    }
}
