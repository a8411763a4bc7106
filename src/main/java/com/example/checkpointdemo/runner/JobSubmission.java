package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.savepoint.StateLayout;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.operations.ModifyOperation;
import org.apache.flink.table.operations.StatementSetOperation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Submits a script's INSERTs as one job and waits for it to end, telling the observers, and
 * running the runner's action (e.g. cancel after a checkpoint) in between.
 */
final class JobSubmission {

    private static final Logger LOG = LoggerFactory.getLogger(JobSubmission.class);

    private static final long STATUS_POLL_MILLIS = 50;

    /** How a submitted job ended: its id and why it did not finish, null if it did. */
    record Outcome(JobID jobId, @Nullable Throwable failure) {}

    private final TableEnvironmentInternal tEnv;
    private final ReadableConfig config;
    private final List<JobObserver> observers;
    private final ScriptRunner.JobAction whileRunning;

    JobSubmission(
            TableEnvironmentInternal tEnv,
            ReadableConfig config,
            List<JobObserver> observers,
            ScriptRunner.JobAction whileRunning) {
        this.tEnv = tEnv;
        this.config = config;
        this.observers = observers;
        this.whileRunning = whileRunning;
    }

    /**
     * Submits {@code inserts}, parsed already, as one job. (The public {@code executeSql} would
     * parse and validate the statements a second time: half of the planning again.)
     */
    Outcome run(
            List<ModifyOperation> inserts,
            String where,
            List<FileTable> sinks,
            Map<String, Set<org.apache.flink.core.fs.Path>> filesBefore,
            KafkaOutputs kafkaSinks,
            @Nullable StateLayout stateLayout) {
        final TableResult result = tEnv.executeInternal(new StatementSetOperation(inserts));
        final JobClient client =
                result.getJobClient().orElseThrow(() -> new ScriptException(where + ": no job was started"));
        final JobID jobId = client.getJobID();
        LOG.info("Submitted job {} from {}; waiting for it to end", jobId, where);
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
