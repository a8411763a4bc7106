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

/** One demo run: the script's job on a cluster, then the proof read from the cluster and the files. */
public final class Demo {

    private Demo() {}

    /**
     * Runs {@code script} on the cluster at {@code cluster}, keeping the running sum the {@code
     * variant} way and failing at {@code failOn} (null: where the script says), and reports on
     * its recovery.
     */
    public static RecoveryReport run(
            ClusterAddress cluster, Path script, Variant variant, @Nullable Integer failOn) {
        final ScriptRun run = new ScriptRunner(cluster.clientConfiguration(), variant, failOn).run(script);
        final JobFacts facts = new JobInspector(cluster.host(), cluster.port()).inspect(run.jobId().toString());

        final FileTable sink = committedSink(run);
        final Set<Path> committedFiles = new TreeSet<>(sink.listFiles());
        committedFiles.removeAll(run.sinkFilesBefore().get(sink.path()));
        final List<Long> input = InputValues.read(input(run).path());
        final OutputCheck output = OutputCheck.of(CommittedFiles.read(committedFiles), input);
        return RecoveryReport.of(
                variant.id(),
                script.toString(),
                run.failOn(),
                facts,
                output,
                input.stream().mapToLong(Long::longValue).sum());
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
