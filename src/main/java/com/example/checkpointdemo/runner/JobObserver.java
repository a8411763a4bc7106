package com.example.checkpointdemo.runner;

import org.apache.flink.api.common.JobID;

/**
 * Watches a job from beside the runner while it runs (e.g. following its checkpoints over REST);
 * told when the job was submitted and when it has ended.
 */
public interface JobObserver {

    /** The job was submitted; returns at once (watch in a thread of your own). */
    void jobSubmitted(RunningJob job);

    /** The job has ended (or could not be awaited); stop watching and take a last look. */
    void jobEnded(JobID jobId);
}
