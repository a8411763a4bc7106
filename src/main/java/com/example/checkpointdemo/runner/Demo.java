package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.report.CommittedFiles;
import com.example.checkpointdemo.report.InputValues;
import com.example.checkpointdemo.report.JobFacts;
import com.example.checkpointdemo.report.JobInspector;
import com.example.checkpointdemo.report.OutputCheck;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RejectCheck;
import com.example.checkpointdemo.report.RejectRow;
import com.example.checkpointdemo.report.SumRow;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One demo run: the script's job on a cluster, then the facts to prove recovery with, read from
 * the cluster (failures, checkpoints) and from the files (what was committed or rejected, and
 * what the input held).
 */
public record Demo(
        ScriptRun run, JobFacts job, List<SumRow> committed, @Nullable List<RejectRow> rejected, InputValues input) {

    /**
     * Runs {@code script} on the cluster at {@code cluster}, keeping the running sum the {@code
     * variant} way and failing at {@code failOn} (null: where the script says), and reports on
     * its recovery.
     */
    public static RecoveryReport run(
            ClusterAddress cluster, Path script, Variant variant, @Nullable Integer failOn) {
        return run(cluster, script, new ScriptRunner(cluster.clientConfiguration(), variant, failOn)).report();
    }

    /** Runs {@code script} with {@code runner} and gathers the facts of its job. */
    public static Demo run(ClusterAddress cluster, Path script, ScriptRunner runner) {
        final ScriptRun run = runner.run(script);
        final JobFacts job = new JobInspector(cluster.host(), cluster.port()).inspect(run.jobId().toString());
        final FileTable sums =
                sink(run, SumRow.COLUMNS)
                        .orElseThrow(
                                () ->
                                        new ScriptException(
                                                run.script() + ": the job writes no filesystem table whose first"
                                                        + " columns are " + String.join(", ", SumRow.COLUMNS)));
        final List<RejectRow> rejected =
                sink(run, RejectRow.COLUMNS).map(table -> CommittedFiles.rejectRows(newFiles(run, table))).orElse(null);
        return new Demo(run, job, CommittedFiles.sumRows(newFiles(run, sums)), rejected, InputValues.read(input(run).path()));
    }

    /** The recovery report of this run alone. */
    public RecoveryReport report() {
        return report(job, committed);
    }

    /** A recovery report on {@code job}, whose committed rows (with earlier jobs') are {@code rows}. */
    public RecoveryReport report(JobFacts job, List<SumRow> rows) {
        final RejectCheck rejects = rejectCheck();
        final List<Long> committable = rejects == null ? input.values() : rejects.committable(input.values());
        return RecoveryReport.of(
                run.variant().id(),
                run.script().toString(),
                run.faultPlan(),
                job,
                OutputCheck.of(rows, committable),
                rejects,
                committable.stream().mapToLong(Long::longValue).sum());
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
        return run.sinks().stream()
                .filter(sink -> sink.columns().size() >= columns.size()
                        && sink.columns().subList(0, columns.size()).equals(columns))
                .findFirst();
    }

    /** The files {@code sink} gained during the run. */
    private static Set<Path> newFiles(ScriptRun run, FileTable sink) {
        final Set<Path> files = new TreeSet<>(sink.listFiles());
        files.removeAll(run.sinkFilesBefore().get(sink.path()));
        return files;
    }

    private static FileTable input(ScriptRun run) {
        if (run.sources().size() != 1) {
            throw new ScriptException(
                    run.script() + ": expected one filesystem source table, found "
                            + run.sources().stream().map(FileTable::name).toList());
        }
        return run.sources().get(0);
    }
}
