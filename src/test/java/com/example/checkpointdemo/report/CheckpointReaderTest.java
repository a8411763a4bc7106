package com.example.checkpointdemo.report;

import org.apache.flink.runtime.rest.util.RestClientException;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;

import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures of a checkpoint read are tried again: the cluster's, not the checkpoint's. */
class CheckpointReaderTest {

    @Test
    void aReadingJobLostInALeadersFailoverIsTriedAgain() {
        // As the client gets it: the JobManager's exception is only the text of the REST error.
        final RestClientException lost = new RestClientException("[org.apache.flink.runtime.rest.handler.RestHandlerException:"
                + " org.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job (e9e4219e)]",
                HttpResponseStatus.NOT_FOUND);

        assertThat(CheckpointReader.passing(new ExecutionException(lost))).isTrue();
        assertThat(CheckpointReader.passing(new IllegalStateException("no leader elected yet"))).isTrue();
    }

    @Test
    void aReadingJobFailedOnATaskManagerJustKilledIsTriedAgain() {
        // As LabOnAClusterITCase met it: read right after the restore that followed a TaskManager's kill.
        assertThat(CheckpointReader.passing(new ExecutionException(new RuntimeException(
                "Job terminated abnormally, no job execution result can be fetched")))).isTrue();
    }

    @Test
    void aMissingCheckpointIsNotTriedAgain() {
        assertThat(CheckpointReader.passing(new IllegalStateException(new FileNotFoundException("chk-3/_metadata")))).isFalse();
        assertThat(CheckpointReader.passing(new IllegalArgumentException("Savepoint does not contain state with operator uid x")))
                .isFalse();
    }
}
