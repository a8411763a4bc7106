package com.example.checkpointdemo.verify;

import java.util.List;

/**
 * What a fault-free run of the script showed of its timing, measured from the moment its job was
 * running: how long it ran, and when each of its checkpoints completed. It tells a schedule when
 * a fault can land on a job that has a checkpoint to come back to.
 */
public record ReferenceTimeline(long durationMillis, List<Long> checkpointsCompletedAfter) {

    /** When the first checkpoint completed; -1 when none did. */
    public long firstCheckpointAfter() {
        return checkpointsCompletedAfter.isEmpty() ? -1 : checkpointsCompletedAfter.get(0);
    }
}
