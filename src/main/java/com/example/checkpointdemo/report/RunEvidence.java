package com.example.checkpointdemo.report;

import com.example.checkpointdemo.evidence.JobWatcher;
import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.evidence.CheckpointCopies;
import com.example.checkpointdemo.runner.FileTable;
import com.example.checkpointdemo.runner.KafkaTable;
import com.example.checkpointdemo.runner.ScriptException;
import com.example.checkpointdemo.runner.ScriptRun;
import com.example.checkpointdemo.runner.SinkTable;

import javax.annotation.Nullable;

import org.apache.flink.core.fs.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one run left to prove its recovery with: the script's run, the job's facts from the
 * cluster, what the watcher saw while it ran, the rows the print sink showed and the exactly-once
 * sinks (files, or Kafka read with read_committed) committed or rejected, the input as the file or
 * topic holds it, what each restored checkpoint holds, and for a Kafka job what Kafka shows.
 */
public record RunEvidence(
        ScriptRun run,
        JobFacts job,
        List<JobFacts.Restore> restores,
        List<JobWatcher.Transition> transitions,
        @Nullable PrintedRows printed,
        List<SumRow> committed,
        @Nullable List<RejectRow> rejected,
        InputValues input,
        List<RestoredState> restoredStates,
        @Nullable KafkaFacts kafka) {

    /**
     * Reads the files of {@code run}; the facts of its job, watched by {@code watcher}, come from
     * {@code inspector}; {@code log} is what the run added to the Flink log (null: none was written).
     */
    static RunEvidence gather(
            ScriptRun run,
            JobInspector inspector,
            JobWatcher watcher,
            @Nullable PrintedRows printed,
            CheckpointReader states,
            CheckpointCopies copies,
            @Nullable List<String> log) {
        // A new leading JobManager starts an exception and checkpoint history of its own: what the
        // watcher saw under the first leader stays part of the job's facts.
        final JobFacts job = inspector.inspect(run.jobId().toString()).alsoSeen(watcher.failures(), watcher.checkpoints(),
                watcher.transitions().stream().mapToLong(JobWatcher.Transition::at).min().orElse(0));
        final List<JobFacts.Restore> restores = restoresOf(job, watcher.restores());
        final List<RestoredState> held = restores.stream()
                .map(restore -> states.read(restore, copies.of(restore.path()), run.stateLayout(), run.stateBackend()))
                .toList();
        final RestoredState last = job.restored() == null ? null : stateOf(held, job.restored());
        final Optional<FileTable> sums = SinkTable.firstStartingWith(run.sinks(), SumRow.COLUMNS);
        if (sums.isPresent()) {
            final List<RejectRow> rejected = SinkTable.firstStartingWith(run.sinks(), RejectRow.COLUMNS)
                    .map(table -> CommittedFiles.rejectRows(newFiles(run, table))).orElse(null);
            return new RunEvidence(run, job, restores, watcher.transitions(), printed,
                    CommittedFiles.sumRows(newFiles(run, sums.get())), rejected, InputValues.read(input(run).path()), held, null);
        }
        final KafkaTable kafkaSums = run.kafkaSinks().withColumns(SumRow.COLUMNS).orElseThrow(() -> new ScriptException(
                run.script() + ": the job writes no filesystem or Kafka table whose first columns are "
                        + String.join(", ", SumRow.COLUMNS)));
        final KafkaRun kafka = KafkaRun.read(run, kafkaSums, last, states, log);
        return new RunEvidence(run, job, restores, watcher.transitions(), printed, kafka.committed(),
                kafka.rejected(), kafka.input(), held, kafka.facts());
    }

    /** The restores the watcher saw, or the one REST names last when it saw none (a run too short to watch). */
    private static List<JobFacts.Restore> restoresOf(JobFacts job, List<JobFacts.Restore> seen) {
        return seen.isEmpty() && job.restored() != null ? List.of(job.restored()) : seen;
    }

    /** What the checkpoint the job restored last holds; null when it restored none. */
    public @Nullable RestoredState restoredState() {
        return job.restored() == null ? null : stateOf(restoredStates, job.restored());
    }

    private static @Nullable RestoredState stateOf(List<RestoredState> states, JobFacts.Restore restore) {
        return states.stream().filter(state -> state.checkpointId() == restore.checkpointId() && state.path().equals(restore.path()))
                .findFirst().orElse(null);
    }

    /** The recovery report of this run alone; the picture of it is at {@code timeline} (null: none). */
    public RecoveryReport report(@Nullable String timeline) {
        return reportAcross(List.of(), timeline);
    }

    /**
     * The recovery report over this job and the jobs it resumed from ({@code earlier}, in order):
     * every job's failures and restores are judged, each restore against the attempt of its own job
     * that followed it, and the committed rows of all are checked as one output, each job's attempts
     * counted on from the one before (so that the report and the timeline tell them apart).
     */
    public RecoveryReport reportAcross(List<RunEvidence> earlier, @Nullable String timeline) {
        final List<RunEvidence> runs = new ArrayList<>(earlier);
        runs.add(this);
        // Each committed row goes to the job that processed it: a row an earlier job's savepoint
        // held uncommitted is committed by the next job, but was processed before it started.
        final List<List<SumRow>> processedBy = new ArrayList<>();
        runs.forEach(run -> processedBy.add(new ArrayList<>()));
        for (int j = 0; j < runs.size(); j++) {
            for (SumRow row : runs.get(j).committed()) {
                int owner = j;
                while (owner > 0 && !runs.get(owner).processed(row)) {
                    owner--;
                }
                processedBy.get(owner).add(row);
            }
        }
        final List<Verdict.Job> jobs = new ArrayList<>();
        for (int j = 0; j < runs.size(); j++) {
            final RunEvidence each = runs.get(j);
            jobs.add(new Verdict.Job(each.job(), each.restores(), each.restoredStates(), each.run().startedFrom(), processedBy.get(j)));
        }
        final RejectCheck rejects = rejectCheck();
        final List<Long> committable = rejects == null ? input.values() : rejects.committable(input.values());
        return RecoveryReport.of(
                run.variant().id(),
                run.script().toString(),
                Verdict.Facts.of(jobs, committable, rejects, run.faultPlan()),
                run.changes(),
                kafka,
                timeline);
    }

    /**
     * Whether this run's job processed {@code row}, which it committed: not when the row was
     * processed before the job started, by the job whose savepoint held it uncommitted.
     */
    public boolean processed(SumRow row) {
        return row.processedSince(job.startTime());
    }

    /** The rejects checked against the input's bad lines; null when neither has any. */
    private @Nullable RejectCheck rejectCheck() {
        if (rejected != null) {
            return RejectCheck.of(rejected, input);
        }
        // A script without a rejects table must not be fed bad lines: they would vanish.
        return input.badLines().isEmpty() ? null : RejectCheck.of(List.of(), input);
    }

    /** The files {@code sink} gained during the run. */
    private static Set<Path> newFiles(ScriptRun run, FileTable sink) {
        return sink.filesSince(run.sinkFilesBefore().get(sink.name()));
    }

    private static FileTable input(ScriptRun run) {
        if (run.sources().size() != 1 || !run.kafkaSources().isEmpty()) {
            throw new ScriptException(
                    run.script() + ": expected one filesystem source table, found "
                            + run.sources().stream().map(FileTable::name).toList());
        }
        return run.sources().get(0);
    }
}
