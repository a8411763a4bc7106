package com.example.checkpointdemo.testing;

import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.runner.RunningJob;
import com.example.checkpointdemo.runner.ScriptRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Triggers one checkpoint of a running job through the REST API ({@code POST
 * /jobs/:id/checkpoints}) once {@link HoldUntilCheckpoint} holds its row: the checkpoint then
 * covers exactly the rows before that row, whatever the timing.
 */
public final class ManualCheckpoint {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private ManualCheckpoint() {}

    /** The action for a runner: wait for the held row {@code holdAt}, then trigger the checkpoint. */
    public static ScriptRunner.JobAction whenHeld(ClusterAddress cluster, String checkpointDir, int holdAt) {
        return job -> {
            awaitHeld(job, checkpointDir, holdAt);
            // Not awaited: the held row is let go only once the checkpoint completed. Its result is
            // fetched, else the REST endpoint would wait for that (5 min) when it shuts down.
            final JobInspector inspector = new JobInspector(cluster);
            inspector.fetchTriggeredInBackground(job.id().toString(), inspector.triggerCheckpoint(job.id().toString()));
        };
    }

    /** Waits until {@link HoldUntilCheckpoint} holds the row {@code holdAt} of {@code job}. */
    public static void awaitHeld(RunningJob job, String checkpointDir, int holdAt) throws Exception {
        final Path held = HoldUntilCheckpoint.heldMarker(checkpointDir, holdAt);
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(held)) {
            if (System.nanoTime() > deadline || job.client().getJobStatus().get().isTerminalState()) {
                throw new AssertionError("the row " + holdAt + " was never held (" + held + ")");
            }
            Thread.sleep(20);
        }
    }
}
