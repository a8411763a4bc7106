package com.example.checkpointdemo.report;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every way a user names a checkpoint finds it; a path that is none gets an error saying what was expected. */
class CheckpointLocationTest {

    @TempDir Path dir;

    private Path checkpoint;
    private Path copies;

    @BeforeEach
    void setUp() throws IOException {
        checkpoint = Files.createDirectories(dir.resolve("checkpoints/0ac6/chk-1"));
        Files.writeString(checkpoint.resolve("_metadata"), "m");
        copies = dir.resolve("restored-checkpoints");
    }

    @Test
    void aPlainPathAFileUriAndTheMetadataFileNameOneCheckpoint() {
        final String expected = checkpoint.toUri().toString().replaceFirst("/$", "");

        assertThat(CheckpointLocation.find(checkpoint.toString(), copies).uri()).isEqualTo(expected);
        assertThat(CheckpointLocation.find("file:" + checkpoint, copies).uri()).isEqualTo(expected);
        assertThat(CheckpointLocation.find(checkpoint.toUri().toString(), copies).uri()).isEqualTo(expected);
        assertThat(CheckpointLocation.find(checkpoint.resolve("_metadata").toString(), copies).uri()).isEqualTo(expected);
        assertThat(CheckpointLocation.find(checkpoint + "/", copies).note()).isEmpty();
    }

    @Test
    void aCheckpointTheJobDeletedIsReadFromTheCopyTheReportKept() throws IOException {
        final Path kept = Files.createDirectories(copies.resolve("0ac6/chk-1"));
        Files.writeString(kept.resolve("_metadata"), "m");
        Files.delete(checkpoint.resolve("_metadata"));
        Files.delete(checkpoint);

        final CheckpointLocation location = CheckpointLocation.find("file:" + checkpoint, copies);

        assertThat(location.uri()).isEqualTo(kept.toUri().toString().replaceFirst("/$", ""));
        assertThat(location.note()).isEqualTo(Optional.of("file:" + checkpoint
                + " is gone (a job that finishes deletes its checkpoints); reading the copy the report kept: " + kept));
    }

    @Test
    void aCheckpointInAStoppedRunsObjectStoreIsReadFromTheCopyTheReportKept() throws IOException {
        final Path kept = Files.createDirectories(copies.resolve("0ac6/chk-2"));
        Files.writeString(kept.resolve("_metadata"), "m");

        final CheckpointLocation location = CheckpointLocation.find("s3://demo/checkpoints/0ac6/chk-2", copies);

        assertThat(location.uri()).isEqualTo(kept.toUri().toString().replaceFirst("/$", ""));
        assertThat(location.note().orElseThrow()).startsWith("s3://demo/checkpoints/0ac6/chk-2 cannot be read from here (")
                .endsWith("an --s3 run's object store stops with the run); reading the copy the report kept: " + kept);
        assertThatThrownBy(() -> CheckpointLocation.find("s3://demo/checkpoints/0ac6/chk-9", copies))
                .hasMessageStartingWith("s3://demo/checkpoints/0ac6/chk-9: cannot be read (")
                .hasMessageContaining("and no copy of it in " + copies);
    }

    @Test
    void aFolderWithoutMetadataIsNotACheckpoint() {
        assertThatThrownBy(() -> CheckpointLocation.find(dir.toString(), copies))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir + ": not a checkpoint or savepoint, it has no _metadata file; expected a checkpoint folder"
                        + " (.../<job id>/chk-N), a savepoint folder, or the _metadata file in one");
    }

    @Test
    void aMissingPathWithoutACopyIsNamed() {
        assertThatThrownBy(() -> CheckpointLocation.find(dir.resolve("nowhere/chk-9").toString(), copies))
                .hasMessageStartingWith(dir.resolve("nowhere/chk-9") + ": no such checkpoint or savepoint, and no copy of it in " + copies);
    }
}
