package com.example.checkpointdemo.report;

import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.runner.JobObserver;
import com.example.checkpointdemo.runner.RunningJob;
import com.example.checkpointdemo.runner.ScriptRun;
import com.example.checkpointdemo.runner.ScriptRunner;

import org.apache.flink.api.common.JobID;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A script run with everything a proof needs gathered around it: the print sink's rows caught
 * from the console, a {@link JobWatcher} telling the failover and keeping each completed
 * checkpoint, and afterwards the job's facts, the committed files and the restored checkpoint's
 * content ({@link RunEvidence}).
 */
public final class RecoveryRun {

    /**
     * Keeps every checkpoint of the run until its end: the watcher copies each one, and a later
     * checkpoint must not delete it first. (The job's end still deletes them all.)
     */
    private static final String RETAINED = "100";

    /**
     * Small state is written into the checkpoint's _metadata file: a copy of it then holds all
     * of the checkpoint (a copy of state files referenced by absolute paths would not).
     */
    private static final String INLINE_UP_TO = "1mb";

    private final ClusterAddress cluster;
    private final Path checkpointCopies;
    private final boolean echo;

    /**
     * Runs on {@code cluster}, keeping copies of the restored checkpoints under {@code
     * checkpointCopies}; {@code echo}: the print sink's rows stay on the console.
     */
    public RecoveryRun(ClusterAddress cluster, Path checkpointCopies, boolean echo) {
        this.cluster = cluster;
        this.checkpointCopies = checkpointCopies;
        this.echo = echo;
    }

    /** Runs {@code script} with {@code runner} (set up by the caller) and gathers the evidence. */
    public RunEvidence run(Path script, ScriptRunner runner) {
        final CheckpointReader states = new CheckpointReader(cluster);
        final CheckpointCopies copies = new CheckpointCopies(checkpointCopies);
        final JobWatcher watcher = new JobWatcher(cluster, copies);
        final AtomicReference<RunningJob> submitted = new AtomicReference<>();
        watcher.onRestore((restore, copy) -> states.readSoon(restore, copy, submitted.get().stateLayout(), submitted.get().stateBackend()));
        runner.set("execution.checkpointing.num-retained", RETAINED,
                        "each checkpoint stays until the report has copied it")
                .set("execution.checkpointing.data-inline-threshold", INLINE_UP_TO,
                        "small state inside _metadata: a copy of chk-N holds all of it")
                .observe(new JobObserver() {
                    @Override
                    public void jobSubmitted(RunningJob job) {
                        submitted.set(job);
                    }

                    @Override
                    public void jobEnded(JobID jobId) {}
                })
                .observe(watcher);
        final List<String> console;
        final ScriptRun scriptRun;
        try (ConsoleCapture capture = new ConsoleCapture(echo)) {
            scriptRun = runner.run(script);
            console = capture.lines();
        }
        // The sinks stay locked until their committed files are read: no other run adds to them meanwhile.
        try (ScriptRun run = scriptRun) {
            final PrintedRows printed = run.printIdentifiers().isEmpty()
                    ? null
                    : PrintedRows.read(console, run.printIdentifiers().get(0), run.timeZone());
            final RunEvidence evidence = RunEvidence.gather(run, new JobInspector(cluster), watcher, printed, states, copies);
            states.awaitReads();
            copies.keepOnly(evidence.job().restoredCheckpointPath());
            return evidence;
        }
    }
}
