package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.functions.savepoint.StateLayout;

import org.apache.flink.api.common.JobID;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What running a script left behind: its job, how the job ended, the faults it ran with, the file
 * tables it read and wrote (with the sink files that existed before the job, so that its own output
 * can be told apart), the identifiers of its print sinks, the session time zone they print
 * timestamps in, where the job kept its running sum (null: unknown) and in which state backend
 * ({@code hashmap}, {@code rocksdb}, {@code forst}, or {@code changelog} over one), what the runner ran
 * differently from the script, the checkpoint or savepoint it was told to start from
 * ({@code execution.state-recovery.path}), its Kafka source tables and Kafka sinks (with where each
 * topic ended before the job, so that its own output can be told apart), and the locks on its file
 * sinks, held until {@link #close}.
 */
public record ScriptRun(
        Path script,
        Variant variant,
        JobID jobId,
        @Nullable Throwable jobFailure,
        FaultPlan faultPlan,
        List<FileTable> sources,
        List<FileTable> sinks,
        Map<String, Set<org.apache.flink.core.fs.Path>> sinkFilesBefore,
        List<String> printIdentifiers,
        ZoneId timeZone,
        @Nullable StateLayout stateLayout,
        String stateBackend,
        List<ChangedSetting> changes,
        @Nullable String startedFrom,
        List<KafkaTable> kafkaSources,
        KafkaOutputs kafkaSinks,
        SinkLocks sinkLocks)
        implements AutoCloseable {

    /** Releases the file sinks to other runs: once their committed files have been read. */
    @Override
    public void close() {
        sinkLocks.close();
    }
}
