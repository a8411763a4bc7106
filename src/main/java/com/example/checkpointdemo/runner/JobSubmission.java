package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.savepoint.StateLayout;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.plumbing.Text;

import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.TableConfig;
import org.apache.flink.table.api.TableResult;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Submits a script's INSERTs as one job and waits for it to end, telling the observers, and
 * running the runner's action (e.g. cancel after a checkpoint) in between.
 */
final class JobSubmission {

    private static final Logger LOG = LoggerFactory.getLogger(JobSubmission.class);

    private static final long STATUS_POLL_MILLIS = 50;

    /** How a submitted job ended: its id and why it did not finish, null if it did. */
    record Outcome(JobID jobId, @Nullable Throwable failure) {}

    private final TableConfig config;
    private final ClusterAddress cluster;
    private final List<JobObserver> observers;
    private final ScriptRunner.JobAction whileRunning;

    JobSubmission(
            TableConfig config,
            ClusterAddress cluster,
            List<JobObserver> observers,
            ScriptRunner.JobAction whileRunning) {
        this.config = config;
        this.cluster = cluster;
        this.observers = observers;
        this.whileRunning = whileRunning;
    }

    /** Submits the job {@code submit} starts (the script's INSERTs, as one job), and waits for it. */
    Outcome run(
            Supplier<TableResult> submit,
            String where,
            List<FileTable> sinks,
            Map<String, Set<org.apache.flink.core.fs.Path>> filesBefore,
            KafkaOutputs kafkaSinks,
            @Nullable StateLayout stateLayout) {
        // execution.target = remote and the cluster's REST address, asked for only now: the script
        // was planned while an embedded cluster was still starting. Flink hands the table
        // configuration to the stream environment as it builds the job.
        config.addConfiguration(cluster.clientConfiguration());
        final TableResult result = submit.get();
        final JobClient client =
                result.getJobClient().orElseThrow(() -> new ScriptException(where + ": no job was started"));
        final JobID jobId = client.getJobID();
        LOG.info("{}", Text.format("Submitted job %s from %s; waiting for it to end", jobId, where));
        final RunningJob job = new RunningJob(client, config, sinks, filesBefore, kafkaSinks, stateLayout);
        observers.forEach(observer -> observer.jobSubmitted(job));
        try {
            return new Outcome(jobId, await(job));
        } finally {
            observers.forEach(observer -> observer.jobEnded(jobId));
        }
    }

    /** Runs the action, then waits for the job; returns why it did not finish, or null. */
    private @Nullable Throwable await(RunningJob job) {
        final JobClient client = job.client();
        try {
            whileRunning.accept(job);
        } catch (Exception e) {
            cancel(client);
            // Not a ScriptException: the script was fine, watching its job went wrong.
            throw new IllegalStateException("job " + client.getJobID() + ": " + ScriptErrors.rootMessage(e), e);
        }
        try {
            awaitEnd(client);
            client.getJobExecutionResult().get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(client);
            throw new ScriptException("interrupted while waiting for job " + client.getJobID(), e);
        }
    }

    /**
     * Waits until the job has ended, asking for its status every 50 ms: the client's own wait for
     * the job's result asks ever less often, up to every 2 s, and would learn of the end a second
     * late on average.
     */
    private static void awaitEnd(JobClient client) throws InterruptedException, ExecutionException {
        while (!client.getJobStatus().get().isGloballyTerminalState()) {
            Thread.sleep(STATUS_POLL_MILLIS);
        }
    }

    /** Cancels the job and waits a while, so it does not hold its slots for the next run. */
    private static void cancel(JobClient client) {
        try {
            client.cancel().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Could not cancel job {}: {}", client.getJobID(), ScriptErrors.rootMessage(e));
        }
    }
}
