package com.example.checkpointdemo.lab;

import com.example.checkpointdemo.cluster.ClusterException;
import com.example.checkpointdemo.cluster.ClusterProcess;
import com.example.checkpointdemo.cluster.LocalFlinkCluster;
import com.example.checkpointdemo.functions.FailNow;
import com.example.checkpointdemo.plumbing.Directories;
import com.example.checkpointdemo.plumbing.FlinkFiles;
import com.example.checkpointdemo.plumbing.RestApi;
import com.example.checkpointdemo.evidence.CheckpointCopies;
import com.example.checkpointdemo.report.CommittedFiles;
import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.evidence.JobWatcher;
import com.example.checkpointdemo.report.PrintedRows;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.runner.FileTable;
import com.example.checkpointdemo.runner.JobObserver;
import com.example.checkpointdemo.runner.RunningJob;
import com.example.checkpointdemo.runner.ScriptRunner;
import com.example.checkpointdemo.runner.ScriptErrors;
import com.example.checkpointdemo.runner.SinkTable;
import com.example.checkpointdemo.runner.Variant;
import com.example.checkpointdemo.timeline.TimelineSvg;
import com.example.checkpointdemo.plumbing.Text;


import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.core.execution.SavepointFormatType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The lab's jobs, one at a time, told as events from the run's own facts while they run (each row
 * the function emits, each checkpoint and the running sums read from its files, each failure and
 * the checkpoint restored, the rows the file sink committed) and, when a job ends, the verdict of
 * {@code bin/demo}. A job the learner stops (cancelled with its checkpoint kept, or stopped with a
 * savepoint) can be resumed from what it kept; the verdict then covers every job of the chain.
 */
final class LabRun {

    private static final Logger LOG = LoggerFactory.getLogger(LabRun.class);
    private static final Duration REST_CATCHING_UP = Duration.ofSeconds(10);
    /** How long the end of a job waits for the reads of its checkpoints still under way. */
    private static final Duration READS_AT_THE_END = Duration.ofSeconds(30);

    /** How the learner stopped a job, and what it keeps to resume from. */
    enum Stop {
        CANCEL_KEEPING_CHECKPOINT("checkpoint", "completed"),
        SAVEPOINT_AND_STOP("savepoint", "savepoint");

        final String kept;
        /** The REST API's name for it under {@code latest}. */
        final String latest;

        Stop(String kept, String latest) {
            this.kept = kept;
            this.latest = latest;
        }
    }

    /** What the next resume starts from: kept until a job resumed from it ends by itself (a refused resume keeps it). */
    record Kept(Stop how, long id, String path) {}

    private final Workspace workspace;
    private final Path script;
    private final LabEvents events;
    private final Path folder;
    /** The file "fail now" writes for the running job: one per job, so that a press after its last row fails no other. */
    private volatile Path failNowRequest;
    private int jobsStarted;
    /** The bin/cluster cluster the jobs run on ({@code bin/demo lab --remote}); null: the embedded one. */
    private final @Nullable LocalFlinkCluster remote;
    private volatile @Nullable RunningJob job;
    /** Whether the lab killed the leading JobManager since the last restore it told. */
    private volatile boolean leaderKilled;
    private volatile @Nullable Thread runThread;
    /** The lab is closing: a job submitted from now on is cancelled at once. */
    private volatile boolean closing;
    private volatile boolean running;
    private volatile @Nullable Stop stopping;
    private volatile @Nullable Kept kept;
    /** What the jobs of the chain kept and were resumed from: deleted once the chain is judged, or the lab closes. */
    private final List<String> keptAlongTheChain = new CopyOnWriteArrayList<>();
    /** The jobs the running one continues, stopped by the learner and resumed, in order. */
    private final List<RunEvidence> chain = new CopyOnWriteArrayList<>();
    /** The attempts of the jobs before this one in the chain: this job's attempt 0 is drawn as this. */
    private volatile int attemptOffset;
    private final java.util.concurrent.atomic.AtomicInteger lastAttempt = new java.util.concurrent.atomic.AtomicInteger(-1);
    /** The committed rows told so far in this chain, as {@code attempt:v}. */
    private final Set<String> committedTold = ConcurrentHashMap.newKeySet();

    LabRun(Workspace workspace, Path script, LabEvents events, @Nullable LocalFlinkCluster remote) throws IOException {
        // The print sink's rows reach the lab through standard output: the run must pass them on.
        this.workspace = new Workspace(workspace.cluster(), workspace.timeline(), workspace.baseDirectory(), workspace.settings(),
                true, workspace.kafka(), workspace.store(), workspace.fileTablesInStore());
        this.script = script;
        this.events = events;
        this.folder = Files.createTempDirectory("checkpoint-lab-");
        this.failNowRequest = folder.resolve("fail-now-0");
        this.remote = remote;
    }

    /** Starts the script's job afresh; the reason when it cannot (a job runs, a bad setting). */
    synchronized @Nullable String start(NextRun next) {
        if (running) {
            return "a job runs already";
        }
        return launch(next, null, () -> {
            committedTold.clear();
            chain.clear();
            discardKept();
            attemptOffset = 0;
            lastAttempt.set(-1);
            events.clear();
        });
    }

    /** Starts the script's job from what the stopped one kept; the reason when it cannot. */
    synchronized @Nullable String resume(NextRun next) {
        if (running) {
            return "a job runs already";
        }
        final Kept from = kept;
        if (from == null) {
            return "nothing to resume from: stop a job with \"cancel, keep the checkpoint\" or \"savepoint and stop\" first";
        }
        return launch(next, from, () -> attemptOffset = lastAttempt.get() + 1);
    }

    /** Starts the job (from {@code from}, if any) once its script is written; {@code starting} runs just before. */
    private @Nullable String launch(NextRun next, @Nullable Kept from, Runnable starting) {
        final Path toRun;
        try {
            toRun = next.script(script, folder.resolve("scripts"));
        } catch (IOException | IllegalArgumentException e) {
            return e.getMessage();
        }
        starting.run();
        failNowRequest = folder.resolve("fail-now-" + ++jobsStarted);
        running = true;
        stopping = null;
        final List<Object> fields = new ArrayList<>(List.of("state", "STARTING", "script", toRun.toString()));
        fields.addAll(Arrays.asList(next.fields()));
        fields.addAll(Arrays.asList("from", from == null ? null : from.path(), "fromId", from == null ? null : from.id(),
                "fromKind", from == null ? null : from.how().kept));
        events.emit("status", fields.toArray());
        final Thread thread = new Thread(() -> run(toRun, next, from), "lab-run");
        thread.setDaemon(true);
        runThread = thread;
        thread.start();
        return null;
    }

    /** Cancels the job that runs, if one does, waits for its run to end, and deletes the lab's files: the lab closes. */
    void close() throws InterruptedException {
        closing = true;
        final RunningJob running = job;
        if (running != null) {
            running.client().cancel();
        }
        final Thread thread = runThread;
        if (thread != null) {
            thread.join(REST_CATCHING_UP.toMillis());
        }
        // The fail-now requests and the script copies at another pace; what stopped jobs kept.
        Directories.delete(folder);
        discardKept();
    }

    /** Asks the running job to fail on its next row; the reason when it cannot. */
    @Nullable String failNow() {
        if (!running || job == null) {
            return "no job runs";
        }
        FailNow.request(failNowRequest);
        events.emit("log", "key", "failNowAsked");
        return null;
    }

    /** Kills the TaskManager that runs the job (SIGKILL), on a bin/cluster cluster; the reason when it cannot. */
    @Nullable String killTaskManager() {
        return kill(false);
    }

    /** Kills the leading JobManager (SIGKILL), on a highly available bin/cluster cluster; the reason when it cannot. */
    @Nullable String killJobManager() {
        return kill(true);
    }

    private @Nullable String kill(boolean jobManager) {
        if (remote == null) {
            return "the jobs run on the lab's embedded cluster: start a cluster with bin/cluster start --ha and the lab with bin/demo lab --remote";
        }
        final RunningJob running = job;
        if (!this.running || running == null) {
            return "no job runs";
        }
        if (jobManager && !remote.isHighlyAvailable()) {
            return "the cluster has one JobManager: killing it ends the job for good (bin/cluster start --ha starts a standby)";
        }
        try {
            final ClusterProcess killed = jobManager ? remote.killLeadingJobManager() : remote.killTaskManagerRunning(running.id());
            leaderKilled |= jobManager;
            events.emit("log", "key", jobManager ? "killedJobManager" : "killedTaskManager", "name", killed.name(), "pid", killed.pid());
            return null;
        } catch (ClusterException e) {
            return e.getMessage();
        }
    }

    /**
     * Stops the running job {@code how}: cancelled, its latest completed checkpoint kept (the
     * script must retain checkpoints on cancellation), or stopped with a savepoint; the reason when
     * it cannot. The job's end is told when it comes.
     */
    synchronized @Nullable String stop(Stop how) {
        final RunningJob running = this.job;
        if (!this.running || running == null) {
            return "no job runs";
        }
        if (stopping != null) {
            return "the job is being stopped already";
        }
        final CompletableFuture<?> stopped;
        if (how == Stop.CANCEL_KEEPING_CHECKPOINT) {
            final ExternalizedCheckpointRetention retention = running.config().get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION);
            if (retention != ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION) {
                return "the script does not keep its checkpoints when the job is cancelled ("
                        + CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION.key() + " = " + retention + ")";
            }
            if (new JobInspector(workspace.cluster()).latest(running.id(), how.latest).isEmpty()) {
                return "no checkpoint has completed yet: there is nothing to keep";
            }
            stopping = how;
            stopped = running.client().cancel();
        } else {
            stopping = how;
            stopped = running.client().stopWithSavepoint(false, savepointDirectory(running), SavepointFormatType.CANONICAL);
        }
        events.emit("log", "key", how == Stop.CANCEL_KEEPING_CHECKPOINT ? "cancelAsked" : "savepointAsked");
        stopped.whenComplete((done, error) -> {
            if (error != null) {
                stopping = null;
                events.emit("error", "message", ScriptErrors.rootMessage(error));
            }
        });
        return null;
    }

    /** The script's savepoint directory, or the lab's own beside its timeline. */
    private String savepointDirectory(RunningJob running) {
        return running.config().getOptional(CheckpointingOptions.SAVEPOINT_DIRECTORY)
                .orElse(workspace.timeline().toAbsolutePath().getParent().resolve("savepoints").toUri().toString());
    }

    private void run(Path toRun, NextRun next, @Nullable Kept from) {
        final PrintStream console = System.out;
        final ZoneId zone = ZoneId.systemDefault();
        final Consumer<String> printed = line -> PrintedRows.read(List.of(line), "SUM", zone).rows()
                .forEach(row -> emitRow("row", row, attemptOffset));
        // The print sink writes each row the function emits to standard output: read it line by line,
        // here, or from the TaskManagers' .out files on a cluster of processes.
        System.setOut(new PrintStream(new ConsoleLines(printed), true, StandardCharsets.UTF_8));
        final TaskManagerOutput output = remote == null ? null : TaskManagerOutput.follow(remote.home().resolve("log"), printed);
        final AtomicReference<RunningJob> submittedJob = new AtomicReference<>();
        final CheckpointContents contents = new CheckpointContents(workspace.cluster(), submittedJob::get);
        try {
            final ScriptRunner runner = next.applyTo(workspace.runner(Variant.PTF, null)
                    .noFailOn("the lab fails the job when you press \"fail now\"")
                    .failNowOn(failNowRequest, "the lab's \"fail now\" button")
                    .observe(new JobObserver() {
                        @Override
                        public void jobSubmitted(RunningJob submitted) {
                            submittedJob.set(submitted);
                            job = submitted;
                            if (closing) {
                                submitted.client().cancel(); // Ctrl-C came while the job was being submitted
                            }
                            events.emit("status", "state", "RUNNING", "jobId", submitted.id());
                            final Thread commits = new Thread(() -> followCommits(submitted), "lab-commits");
                            commits.setDaemon(true);
                            commits.start();
                        }

                        @Override
                        public void jobEnded(JobID id) {}
                    }));
            if (from != null) {
                runner.set("execution.state-recovery.path", from.path(), "the lab resumes from the " + from.how().kept + " you kept");
            }
            final RunEvidence run = workspace.run(toRun, runner, new Told(contents));
            job = null; // ended: no button acts on it while its end is told
            emitCommitted(run.committed(), run::processed);
            final Stop stop = stopping;
            if (stop != null) {
                kept(run, submittedJob.get(), stop);
            } else {
                judge(run);
            }
        } catch (RuntimeException | InterruptedException e) {
            LOG.warn("The lab's run failed: {}", ScriptErrors.rootMessage(e));
            events.emit("error", "message", ScriptErrors.rootMessage(e));
        } finally {
            if (output != null) {
                output.close();
            }
            System.setOut(console);
            job = null;
            running = false;
            events.emit("status", "state", "ENDED", "resumable", kept != null);
        }
    }

    /** A job the learner stopped: what it kept, read from its files, is what the next resume starts from. */
    private void kept(RunEvidence run, RunningJob stopped, Stop how) throws InterruptedException {
        // Read only now: a checkpoint completing just before the cancel is the latest.
        final JobInspector.Checkpoint at = new JobInspector(workspace.cluster()).awaitLatest(stopped.id(), how.latest, REST_CATCHING_UP);
        chain.add(run);
        Map<String, Long> sums = null;
        String error = null;
        try {
            sums = new CheckpointContents(workspace.cluster(), () -> stopped).of(at.id(), at.path()).join();
        } catch (RuntimeException e) {
            error = CheckpointContents.firstLine(ScriptErrors.rootMessage(e));
        }
        kept = new Kept(how, at.id(), at.path());
        keptAlongTheChain.add(at.path());
        events.emit("stopped", "how", how.kept, "status", run.job().status(), "id", at.id(), "path", at.path(), "sums", sums, "error", error);
    }

    /** A job that ended by itself: the verdict over it and the jobs it resumed from. */
    private void judge(RunEvidence run) {
        final Path timeline = workspace.timeline();
        final RecoveryReport report = chain.isEmpty() ? run.report(timeline.toString()) : run.reportAcross(chain, timeline.toString());
        final List<RunEvidence> runs = new ArrayList<>(chain);
        runs.add(run);
        TimelineSvg.write(Text.format("The live lab: %s", script), runs, report, timeline);
        chain.clear();
        discardKept();
        events.emit("verdict", "outcome", report.outcome().name(), "line", report.verdictLine(),
                "jobId", run.job().jobId(), "webUi", workspace.cluster() + "/#/job/completed/" + run.job().jobId() + "/overview",
                "timeline", "/timeline");
    }

    /** Deletes what the chain's stopped jobs kept: the report has its copies, and nothing resumes from it any more. */
    private void discardKept() {
        kept = null;
        keptAlongTheChain.forEach(FlinkFiles::deleteKept);
        keptAlongTheChain.clear();
    }

    /** A row the function printed ({@code row}) or the sink committed ({@code commit}), on the lane of its attempt in the chain. */
    private void emitRow(String type, SumRow row, int offset) {
        final int attempt = row.attempt() + offset;
        lastAttempt.accumulateAndGet(attempt, Math::max);
        events.emit(type, "v", row.v(), "runningSum", row.runningSum(), "attempt", attempt, "key", row.k(),
                "processedAt", row.processedAt() == null ? null : row.processedAt().toEpochMilli());
    }

    /**
     * What the run's watcher sees, told as events: each checkpoint (and what it holds, read from
     * the watcher's copy in the background), each failure (and, where no checkpoint had completed,
     * that the job starts again from zero), each restore and what its checkpoint holds.
     */
    private final class Told implements JobWatcher.Listener {

        private final CheckpointContents contents;

        Told(CheckpointContents contents) {
            this.contents = contents;
        }

        @Override
        public void checkpointCompleted(JobFacts.Checkpoint checkpoint, @Nullable CheckpointCopies.Copy copy) {
            events.emit("checkpoint", "id", checkpoint.id(), "path", checkpoint.path());
            contents.of(checkpoint.id(), readable(checkpoint.path(), copy)).whenComplete((sums, error) -> events.emit("checkpointState",
                    "id", checkpoint.id(), "sums", sums, "error", error == null ? null : CheckpointContents.whyNotRead(error)));
        }

        @Override
        public void failed(JobFacts.Failure failure, boolean restorable) {
            events.emit("failure", "cause", JobWatcher.shortName(failure.cause()), "injected", failure.injected(), "at", failure.timestamp());
            if (!restorable) {
                events.emit("fromScratch", "at", failure.timestamp());
            }
        }

        @Override
        public void restored(JobFacts.Restore restore, @Nullable CheckpointCopies.Copy copy) {
            // After the lab killed the leader, the next restore is the new leader's: its attempts count from 0 again.
            final boolean newLeader = leaderKilled;
            leaderKilled = false;
            // Told at once, its content when read: the checkpoints the job completes meanwhile come after it.
            // A retained chk-N a job starts from is a checkpoint, whatever REST's is_savepoint says.
            events.emit("restore", "id", restore.checkpointId(), "path", restore.path(),
                    "savepoint", restore.describe().startsWith("savepoint"), "restoredAt", restore.restoredAt(), "newLeader", newLeader);
            contents.of(restore.checkpointId(), readable(restore.path(), copy)).whenComplete((state, error) -> events.emit("restoreState",
                    "id", restore.checkpointId(), "sums", state,
                    "error", error == null ? null : CheckpointContents.whyNotRead(error)));
        }

        @Override
        public void ended() {
            // The watcher's copies go once this returns: the reads of them get a while to finish.
            contents.awaitReads(READS_AT_THE_END);
        }

        /** The watcher's copy of {@code path} where it made one (Flink may delete the original any time), else the original. */
        private String readable(String path, @Nullable CheckpointCopies.Copy copy) {
            return copy != null && copy.copy() != null ? copy.copy().toUri().toString() : path;
        }
    }

    /** Tells the rows the running-sum sink commits while {@code watched} runs, five times a second. */
    private void followCommits(RunningJob watched) {
        final FileTable sink = SinkTable.firstStartingWith(watched.sinks(), SumRow.COLUMNS).orElse(null);
        long started = -1;
        while (job == watched && sink != null) {
            try {
                if (started < 0) {
                    started = new RestApi(workspace.cluster()).get("/jobs/" + watched.id()).path("start-time").asLong();
                }
                final long since = started;
                emitCommitted(CommittedFiles.sumRows(sink.filesSince(watched.filesBefore().getOrDefault(sink.name(), Set.of()))),
                        row -> row.processedSince(since));
            } catch (RuntimeException e) {
                // A JobManager failing over answers nothing for a while: ask again.
                LOG.debug("The lab's look at the commits of job {} failed: {}", watched.id(), ScriptErrors.rootMessage(e));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The committed rows not told yet (the watcher tells them as they come, the end of the run the
     * rest). A row this job did not process (one an earlier job's savepoint held uncommitted) keeps
     * the attempt it was printed with.
     */
    private void emitCommitted(List<SumRow> rows, Predicate<SumRow> processedByThisJob) {
        for (SumRow row : rows) {
            final int offset = processedByThisJob.test(row) ? attemptOffset : 0;
            if (committedTold.add((row.attempt() + offset) + ":" + row.v())) {
                emitRow("commit", row, offset);
            }
        }
    }
}
