package com.example.checkpointdemo.lab;

import com.example.checkpointdemo.functions.FailNow;
import com.example.checkpointdemo.plumbing.RestApi;
import com.example.checkpointdemo.report.CheckpointReader;
import com.example.checkpointdemo.report.CommittedFiles;
import com.example.checkpointdemo.report.JobWatcher;
import com.example.checkpointdemo.report.PrintedRows;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.runner.FileTable;
import com.example.checkpointdemo.runner.JobObserver;
import com.example.checkpointdemo.runner.RunningJob;
import com.example.checkpointdemo.runner.ScriptErrors;
import com.example.checkpointdemo.runner.Variant;
import com.example.checkpointdemo.timeline.TimelineSvg;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.flink.api.common.JobID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One job of the lab at a time: the script run on the cluster, told as events from the run's own
 * facts while it runs (each row the function emits, each checkpoint and the running sums read from
 * its files, each failure and the checkpoint restored, the rows the file sink committed) and,
 * when the job ends, the verdict of {@code bin/demo}.
 */
final class LabRun {

    private static final Logger LOG = LoggerFactory.getLogger(LabRun.class);

    private final Workspace workspace;
    private final Path script;
    private final LabEvents events;
    private final Path failNowRequest;
    private volatile @Nullable RunningJob job;
    private volatile boolean running;
    /** The committed rows told so far in this run, as {@code attempt:v}. */
    private final Set<String> committedTold = ConcurrentHashMap.newKeySet();

    LabRun(Workspace workspace, Path script, LabEvents events) throws IOException {
        // The print sink's rows reach the lab through standard output: the run must pass them on.
        this.workspace = new Workspace(workspace.cluster(), workspace.timeline(), workspace.baseDirectory(), workspace.settings(),
                true, workspace.kafka(), workspace.store(), workspace.fileTablesInStore());
        this.script = script;
        this.events = events;
        this.failNowRequest = Files.createTempDirectory("checkpoint-lab-").resolve("fail-now");
    }

    /** Starts the script's job on a thread of its own; false if one runs already. */
    synchronized boolean start() {
        if (running) {
            return false;
        }
        running = true;
        committedTold.clear();
        events.clear();
        events.emit("status", "state", "STARTING", "script", script.toString());
        final Thread thread = new Thread(this::run, "lab-run");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    /** Asks the running job to fail on its next row; false if no job runs. */
    boolean failNow() {
        if (!running || job == null) {
            return false;
        }
        FailNow.request(failNowRequest);
        events.emit("log", "key", "failNowAsked");
        return true;
    }

    private void run() {
        final PrintStream console = System.out;
        final ZoneId zone = ZoneId.systemDefault();
        // The print sink writes each row the function emits to standard output: read it line by line.
        System.setOut(new PrintStream(new Lines(line -> PrintedRows.read(List.of(line), "SUM", zone).rows()
                .forEach(row -> events.emit("row", "v", row.v(), "runningSum", row.runningSum(), "attempt", row.attempt(), "key", row.k()))),
                true, StandardCharsets.UTF_8));
        try {
            final Path timeline = workspace.timeline();
            final RunEvidence run = workspace.run(script, workspace.runner(Variant.PTF, null)
                    .noFailOn("the lab fails the job when you press \"fail now\"")
                    .failNowOn(failNowRequest, "the lab's \"fail now\" button")
                    .observe(new JobObserver() {
                        @Override
                        public void jobSubmitted(RunningJob submitted) {
                            job = submitted;
                            events.emit("status", "state", "RUNNING", "jobId", submitted.id());
                            final Thread watcher = new Thread(() -> watch(submitted), "lab-watch");
                            watcher.setDaemon(true);
                            watcher.start();
                        }

                        @Override
                        public void jobEnded(JobID id) {}
                    }));
            final RecoveryReport report = run.report(timeline.toString());
            TimelineSvg.write("The live lab: " + script, List.of(run), report, timeline);
            emitCommitted(run.committed());
            events.emit("verdict", "outcome", report.outcome().name(), "line", report.verdictLine(),
                    "jobId", run.job().jobId(), "webUi", workspace.cluster() + "/#/job/running/" + run.job().jobId() + "/overview",
                    "timeline", "/timeline");
        } catch (RuntimeException e) {
            LOG.warn("The lab's run failed: {}", ScriptErrors.rootMessage(e));
            events.emit("error", "message", ScriptErrors.rootMessage(e));
        } finally {
            System.setOut(console);
            job = null;
            running = false;
            events.emit("status", "state", "ENDED");
        }
    }

    /**
     * Polls the job's REST API until it ends: new checkpoints (and what each holds, read from its
     * files), failures, the restored checkpoint, and the rows committed so far.
     */
    private void watch(RunningJob watched) {
        final RestApi rest = new RestApi(workspace.cluster());
        final CheckpointReader reader = new CheckpointReader(workspace.cluster());
        final Set<Long> checkpoints = new HashSet<>();
        final Map<Long, CompletableFuture<Map<String, Long>>> held = new ConcurrentHashMap<>();
        final Set<String> failures = new HashSet<>();
        long restored = -1;
        try {
            while (!watched.client().getJobStatus().get().isGloballyTerminalState()) {
                final JsonNode answer = rest.get("/jobs/" + watched.id() + "/checkpoints");
                for (JsonNode checkpoint : answer.path("history")) {
                    final long id = checkpoint.path("id").asLong();
                    if ("COMPLETED".equals(checkpoint.path("status").asText()) && checkpoints.add(id)) {
                        final String path = checkpoint.path("external_path").asText();
                        events.emit("checkpoint", "id", id, "path", path);
                        held.put(id, CompletableFuture.supplyAsync(() -> read(reader, path, watched))
                                .whenComplete((sums, error) -> events.emit("checkpointState", "id", id,
                                        "sums", sums, "error", error == null ? null : ScriptErrors.rootMessage(error))));
                    }
                }
                final JsonNode latest = answer.path("latest").path("restored");
                if (!latest.isMissingNode() && !latest.isNull() && latest.path("id").asLong() != restored) {
                    restored = latest.path("id").asLong();
                    final long id = restored;
                    final CompletableFuture<Map<String, Long>> sums = held.getOrDefault(id,
                            CompletableFuture.supplyAsync(() -> read(reader, latest.path("external_path").asText(), watched)));
                    sums.whenComplete((state, error) -> events.emit("restore", "id", id, "path", latest.path("external_path").asText(),
                            "sums", state, "error", error == null ? null : ScriptErrors.rootMessage(error)));
                }
                for (JsonNode failure : rest.get("/jobs/" + watched.id() + "/exceptions").path("exceptionHistory").path("entries")) {
                    final String cause = failure.path("stacktrace").asText().lines().findFirst().orElse(failure.path("exceptionName").asText());
                    if (failures.add(failure.path("timestamp").asText() + cause)) {
                        events.emit("failure", "cause", JobWatcher.shortName(cause), "injected", cause.contains("InjectedFailure"));
                    }
                }
                emitCommitted(CommittedFiles.sumRows(newFiles(watched)));
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.info("The lab stopped watching job {}: {}", watched.id(), ScriptErrors.rootMessage(e));
        }
    }

    /** The running sums a checkpoint holds, read from its files (not the output). */
    private static Map<String, Long> read(CheckpointReader reader, String path, RunningJob job) {
        try {
            return reader.runningSums(path, job.stateLayout(), job.stateBackend());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The committed rows not told yet (the watcher tells them as they come, the end of the run the rest). */
    private void emitCommitted(List<SumRow> rows) {
        for (SumRow row : rows) {
            if (committedTold.add(row.attempt() + ":" + row.v())) {
                events.emit("commit", "v", row.v(), "runningSum", row.runningSum(), "attempt", row.attempt(), "key", row.k());
            }
        }
    }

    /** The job's committed files so far: its running-sum sinks' visible files it did not find there. */
    private static List<org.apache.flink.core.fs.Path> newFiles(RunningJob job) {
        final List<org.apache.flink.core.fs.Path> files = new java.util.ArrayList<>();
        for (FileTable sink : job.sinks()) {
            if (sink.startsWith(SumRow.COLUMNS)) {
                files.addAll(sink.filesSince(job.filesBefore().getOrDefault(sink.name(), Set.of())));
            }
        }
        return files;
    }

    /** Hands each complete line written to it to a listener. */
    private static final class Lines extends OutputStream {

        private final java.util.function.Consumer<String> listener;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(java.util.function.Consumer<String> listener) {
            this.listener = listener;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                final String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                try {
                    listener.accept(text);
                } catch (RuntimeException notARow) {
                    // Not every line on standard output is a printed row.
                }
            } else {
                line.write(b);
            }
        }
    }
}
