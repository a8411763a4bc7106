package com.example.checkpointdemo.report;

import javax.annotation.Nullable;

import java.util.List;

/**
 * What the cluster recorded about one job: how it ended, its (highest) parallelism, how often it
 * restarted and why, and which checkpoint it restored from; the times (epoch ms) of its first
 * completed checkpoint and of its last injected failure.
 */
public record JobFacts(
        String jobId,
        String status,
        long durationMillis,
        int parallelism,
        int restarts,
        List<String> injectedFailures,
        List<String> otherFailures,
        long completedCheckpoints,
        @Nullable Long restoredCheckpointId,
        @Nullable String restoredCheckpointPath,
        @Nullable Long firstCheckpointCompletedAt,
        @Nullable Long lastInjectedFailureAt) {}
