package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.evidence.JobFacts;

/**
 * When a server the job needs (its broker, its object store) was down, by this machine's clock,
 * and what the job's own facts show of it: the checkpoints that failed or completed meanwhile, the
 * failures, and whether checkpoints completed again once it was back. A lesson about an outage is
 * shown only by its effect on the job, never by the kill alone.
 */
record Outage(long from, long until) {

    /** How long the server was down. */
    double seconds() {
        return (until - from) / 1000.0;
    }

    /** Checkpoints triggered while the server was down (or just after) that failed. */
    long failedCheckpoints(JobFacts job) {
        return job.checkpoints().stream().filter(c -> "FAILED".equals(c.status()) && c.triggeredAt() >= from).count();
    }

    /** The job's failures while the server was down (or just after, as the job noticed), not counting the script's own injected ones. */
    long failuresSince(JobFacts job) {
        return job.failures().stream().filter(f -> !f.injected() && f.timestamp() >= from).count();
    }

    /**
     * Whether checkpoints completed again: one triggered after the server went down, and after the
     * last one that failed. (Our "back" is when the server answered our own probe, which polls: a
     * checkpoint may get through a moment before.)
     */
    boolean checkpointedAfter(JobFacts job) {
        final long lastFailed = job.checkpoints().stream()
                .filter(c -> "FAILED".equals(c.status())).mapToLong(JobFacts.Checkpoint::id).max().orElse(Long.MIN_VALUE);
        return job.checkpoints().stream().anyMatch(c -> c.completed() && c.id() > lastFailed && c.triggeredAt() > from);
    }
}
