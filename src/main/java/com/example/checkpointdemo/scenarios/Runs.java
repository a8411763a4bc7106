package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.report.JobInspector;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.runner.ClusterAddress;
import com.example.checkpointdemo.runner.Demo;
import com.example.checkpointdemo.runner.ScriptRunner;
import com.example.checkpointdemo.runner.Variant;

import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.execution.JobClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** How scenarios run their scripts: once as written, or twice, the second job resuming the first. */
final class Runs {

    /** How long a first run may take to complete its first checkpoint. */
    static final Duration FIRST_CHECKPOINT_TIMEOUT = Duration.ofSeconds(60);

    private Runs() {}

    /**
     * A runner for {@code cluster} running {@code script} as written (the PTF, its own fail_on),
     * after {@link Scenario#INIT} if the script is one of sql/scenarios.
     */
    static ScriptRunner runner(ClusterAddress cluster, Path script) {
        final ScriptRunner runner = new ScriptRunner(cluster.clientConfiguration(), Variant.PTF, null);
        return script.startsWith(Scenario.INIT.getParent()) ? runner.init(Scenario.INIT) : runner;
    }

    /** Runs {@code script} once, as written. */
    static Demo once(ClusterAddress cluster, Path script) {
        return Demo.run(cluster, script, runner(cluster, script));
    }

    /** How a first run is stopped once it has completed a checkpoint; returns what to resume from. */
    @FunctionalInterface
    interface Stop {
        JobInspector.Checkpoint stop(JobClient job, ReadableConfig config, JobInspector inspector) throws Exception;
    }

    /** Two jobs of one script, the second resumed from where the first was stopped. */
    record TwoRuns(Demo first, Demo second, JobInspector.Checkpoint resumedFrom) {}

    /**
     * Runs {@code script}, stops the job with {@code stop} after its first completed checkpoint,
     * and runs the script again from what {@code stop} returned, with {@code secondSettings}.
     */
    static TwoRuns stoppedAndResumed(
            ClusterAddress cluster, Path script, Stop stop, Map<String, String> secondSettings) {
        final JobInspector inspector = new JobInspector(cluster.host(), cluster.port());
        final AtomicReference<JobInspector.Checkpoint> resumeFrom = new AtomicReference<>();
        final Demo first =
                Demo.run(
                        cluster,
                        script,
                        runner(cluster, script)
                                .whileRunning(
                                        (job, config) -> {
                                            inspector.awaitCompletedCheckpoint(
                                                    job.getJobID().toString(), FIRST_CHECKPOINT_TIMEOUT);
                                            resumeFrom.set(stop.stop(job, config, inspector));
                                        }));
        final ScriptRunner second =
                runner(cluster, script).set("execution.state-recovery.path", resumeFrom.get().path());
        secondSettings.forEach(second::set);
        return new TwoRuns(first, Demo.run(cluster, script, second), resumeFrom.get());
    }

    /**
     * The recovery report over two jobs, the second resumed from the first: the committed rows
     * of both, in order, with the second job's attempts counted on from the first's, so that its
     * first row shows the sum it resumed with.
     */
    static RecoveryReport acrossBoth(TwoRuns runs) {
        final int firstAttempts = runs.first().committed().stream().mapToInt(SumRow::attempt).max().orElse(0) + 1;
        final List<SumRow> rows = new ArrayList<>(runs.first().committed());
        runs.second().committed().forEach(
                row -> rows.add(new SumRow(row.k(), row.v(), row.runningSum(), row.attempt() + firstAttempts)));
        return runs.second().report(runs.second().job(), rows);
    }
}
