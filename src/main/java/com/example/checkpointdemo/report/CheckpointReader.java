package com.example.checkpointdemo.report;

import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.plumbing.Directories;
import com.example.checkpointdemo.runner.ScriptRun;

import java.nio.file.Path;
import java.util.Map;

/** Reads the running sums a restored checkpoint holds, from the checkpoint's files. */
final class CheckpointReader {

    private final ClusterAddress cluster;

    CheckpointReader(ClusterAddress cluster) {
        this.cluster = cluster;
    }

    /** What {@code restored} holds, read from its copy in {@code copies} or where Flink left it. */
    RestoredState read(JobFacts.Restore restored, Map<Long, Path> copies, ScriptRun run) {
        return RestoredState.unreadable(restored.checkpointId(), restored.path(), "not implemented yet");
    }

    /** Deletes the copies of checkpoints the job did not restore. */
    static void keepOnlyRestored(Map<Long, Path> copies, JobFacts job) {
        copies.forEach((id, copy) -> {
            if (!id.equals(job.restoredCheckpointId())) {
                Directories.delete(copy);
            }
        });
    }
}
