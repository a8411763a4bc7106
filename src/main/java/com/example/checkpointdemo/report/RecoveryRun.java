package com.example.checkpointdemo.report;

import com.example.checkpointdemo.evidence.JobWatcher;
import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.evidence.CheckpointCopies;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.plumbing.FlinkFiles;
import com.example.checkpointdemo.plumbing.LogFile;
import com.example.checkpointdemo.runner.JobObserver;
import com.example.checkpointdemo.runner.RunningJob;
import com.example.checkpointdemo.runner.ScriptRun;
import com.example.checkpointdemo.runner.ScriptRunner;

import org.apache.flink.api.common.JobID;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A script run with everything a proof needs gathered around it: the print sink's rows caught
 * from the console, a {@link JobWatcher} telling the failover and keeping each completed
 * checkpoint, and afterwards the job's facts, the committed files and the restored checkpoint's
 * content ({@link RunEvidence}).
 */
public final class RecoveryRun {

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

    /**
     * Runs {@code script} with {@code runner} (set up by the caller) and gathers the evidence;
     * {@code listener} hears what the run's watcher sees as it sees it.
     */
    public RunEvidence run(Path script, ScriptRunner runner, JobWatcher.Listener listener) {
        final CheckpointReader states = new CheckpointReader(cluster);
        final CheckpointCopies copies = new CheckpointCopies(checkpointCopies);
        final JobWatcher watcher = new JobWatcher(cluster, copies);
        final AtomicReference<RunningJob> submitted = new AtomicReference<>();
        watcher.listen(new JobWatcher.Listener() {
            @Override
            public void restored(JobFacts.Restore restore, CheckpointCopies.Copy copy) {
                states.readSoon(restore, copy, submitted.get().stateLayout(), submitted.get().stateBackend());
            }
        }).listen(listener);
        runner.set("execution.checkpointing.data-inline-threshold", INLINE_UP_TO,
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
        final Optional<LogFile> log = LogFile.ofThisJvm();
        final long logMark = log.map(LogFile::mark).orElse(0L);
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
            final RunEvidence evidence = RunEvidence.gather(run, new JobInspector(cluster), watcher, printed, states, copies,
                    log.map(file -> file.linesSince(logMark)).orElse(null));
            states.awaitReads();
            copies.keepOnly(evidence.restores().stream().map(JobFacts.Restore::path).toList());
            if (!"CANCELED".equals(evidence.job().status()) && submitted.get() != null) {
                // Nothing will resume a job that finished or failed: what its checkpoint folder still holds
                // (the shared/ and taskowned/ folders, and a failed job's retained checkpoint) goes; the
                // report keeps its copies. A cancelled job's retained checkpoint is for whoever cancelled it.
                submitted.get().checkpointFolder().ifPresent(FlinkFiles::delete);
            }
            return evidence;
        }
    }
}
