package com.example.checkpointdemo.bench;

import javax.annotation.Nullable;

/** What one benchmark job measured. Times in milliseconds; null where the job did not measure it. */
public record Measurement(
        Impl impl,
        int keys,
        String backend,
        long rows,
        double rowsPerSecond,
        long completedCheckpoints,
        long checkpointSizeBytes,
        long checkpointDurationMs,
        @Nullable Long recoveryToRunningMs,
        @Nullable Long recoveryToFailurePointMs) {}
