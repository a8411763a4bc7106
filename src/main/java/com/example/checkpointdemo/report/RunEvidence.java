package com.example.checkpointdemo.report;

import com.example.checkpointdemo.runner.FileTable;
import com.example.checkpointdemo.runner.KafkaTable;
import com.example.checkpointdemo.runner.ScriptException;
import com.example.checkpointdemo.runner.ScriptRun;

import javax.annotation.Nullable;

import org.apache.flink.core.fs.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one run left to prove its recovery with: the script's run, the job's facts from the
 * cluster, what the watcher saw while it ran, the rows the print sink showed and the exactly-once
 * sinks (files, or Kafka read with read_committed) committed or rejected, the input as the file or
 * topic holds it, what the restored checkpoint holds, and for a Kafka job what Kafka shows.
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
        @Nullable RestoredState restoredState,
        @Nullable KafkaFacts kafka) {

    /** Reads the files of {@code run}; the facts of its job, watched by {@code watcher}, come from {@code inspector}. */
    static RunEvidence gather(
            ScriptRun run,
            JobInspector inspector,
            JobWatcher watcher,
            @Nullable PrintedRows printed,
            CheckpointReader states,
            CheckpointCopies copies) {
        final JobFacts job = inspector.inspect(run.jobId().toString());
        final RestoredState state = job.restored() == null ? null
                : states.read(job.restored(), copies.of(job.restored().path()), run.stateLayout(), run.stateBackend());
        final Optional<FileTable> sums = sink(run, SumRow.COLUMNS);
        if (sums.isPresent()) {
            final List<RejectRow> rejected =
                    sink(run, RejectRow.COLUMNS).map(table -> CommittedFiles.rejectRows(newFiles(run, table))).orElse(null);
            return new RunEvidence(run, job, watcher.restores(), watcher.transitions(), printed,
                    CommittedFiles.sumRows(newFiles(run, sums.get())), rejected, InputValues.read(input(run).path()), state, null);
        }
        final KafkaTable kafkaSums = run.kafkaSinks().withColumns(SumRow.COLUMNS).orElseThrow(() -> new ScriptException(
                run.script() + ": the job writes no filesystem or Kafka table whose first columns are "
                        + String.join(", ", SumRow.COLUMNS)));
        final KafkaRun kafka = KafkaRun.read(run, kafkaSums, state, states);
        return new RunEvidence(run, job, watcher.restores(), watcher.transitions(), printed, kafka.committed(),
                kafka.rejected(), kafka.input(), state, kafka.facts());
    }

    /** The recovery report of this run alone; the picture of it is at {@code timeline} (null: none). */
    public RecoveryReport report(@Nullable String timeline) {
        return report(job, committed, timeline);
    }

    /** A recovery report on {@code job}, whose committed rows (with earlier jobs') are {@code rows}. */
    public RecoveryReport report(JobFacts job, List<SumRow> rows, @Nullable String timeline) {
        final RejectCheck rejects = rejectCheck();
        final List<Long> committable = rejects == null ? input.values() : rejects.committable(input.values());
        final List<JobFacts.Restore> seen = restores.isEmpty() && job.restored() != null ? List.of(job.restored()) : restores;
        return RecoveryReport.of(
                run.variant().id(),
                run.script().toString(),
                new Verdict.Facts(job, seen, OutputCheck.of(OutputCheck.attemptsAcrossLeaders(rows), committable), rejects, run.faultPlan(),
                        committable.stream().mapToLong(Long::longValue).sum(), restoredState, run.startedFrom()),
                run.changes(),
                kafka,
                timeline);
    }

    /**
     * The recovery report over this job and the jobs it resumed from ({@code earlier}, in order):
     * the committed rows of all, with each job's attempts counted on from the one before, so that
     * its first row shows the sum it resumed with.
     */
    public RecoveryReport reportAcross(List<RunEvidence> earlier, @Nullable String timeline) {
        final List<SumRow> rows = new java.util.ArrayList<>();
        final List<RunEvidence> jobs = new java.util.ArrayList<>(earlier);
        jobs.add(this);
        int attemptsBefore = 0;
        for (RunEvidence run : jobs) {
            final int offset = attemptsBefore;
            run.committed().forEach(row -> rows.add(run.processed(row) ? row.withAttempt(row.attempt() + offset) : row));
            attemptsBefore = rows.stream().mapToInt(SumRow::attempt).max().orElse(0) + 1;
        }
        return report(job, rows, timeline);
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

    /** The first filesystem sink whose columns begin with {@code columns}. */
    private static Optional<FileTable> sink(ScriptRun run, List<String> columns) {
        return run.sinks().stream().filter(sink -> sink.startsWith(columns)).findFirst();
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
