package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.report.CommittedFiles;
import com.example.checkpointdemo.report.InputValues;
import com.example.checkpointdemo.report.JobFacts;
import com.example.checkpointdemo.report.JobInspector;
import com.example.checkpointdemo.report.OutputCheck;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.SumRow;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One demo run: the script's job on a cluster, then the facts to prove recovery with, read from
 * the cluster (failures, checkpoints) and from the files (what was committed, what was input).
 */
public record Demo(ScriptRun run, JobFacts job, List<SumRow> committed, List<Long> input) {

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
        final FileTable sink = committedSink(run);
        final Set<Path> committedFiles = new TreeSet<>(sink.listFiles());
        committedFiles.removeAll(run.sinkFilesBefore().get(sink.path()));
        return new Demo(run, job, CommittedFiles.read(committedFiles), InputValues.read(input(run).path()));
    }

    /** The recovery report of this run alone. */
    public RecoveryReport report() {
        return RecoveryReport.of(
                run.variant().id(),
                run.script().toString(),
                run.failOn(),
                job,
                OutputCheck.of(committed, input),
                expectedSum());
    }

    /** The sum of the input values: what the last running sums must add up to. */
    public long expectedSum() {
        return input.stream().mapToLong(Long::longValue).sum();
    }

    private static FileTable committedSink(ScriptRun run) {
        return run.sinks().stream()
                .filter(sink -> sink.columns().size() >= 4 && sink.columns().subList(0, 4).equals(SumRow.COLUMNS))
                .findFirst()
                .orElseThrow(
                        () ->
                                new ScriptException(
                                        run.script() + ": the job writes no filesystem table whose first"
                                                + " columns are " + String.join(", ", SumRow.COLUMNS)));
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
