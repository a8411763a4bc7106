package com.example.checkpointdemo.bench;

import javax.annotation.Nullable;

/**
 * What one benchmark job measured. Times in milliseconds; null where the job did not measure it.
 * Every row's running sum was checked against the sum it must have ({@code wrongSums} of them
 * were not), so a fast but wrong implementation cannot pass; {@code finalSumsRight} keys ended at
 * the sum of their input values.
 */
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
        @Nullable Long recoveryToFailurePointMs,
        long rowsChecked,
        long wrongSums,
        long finalSumsRight) {}
