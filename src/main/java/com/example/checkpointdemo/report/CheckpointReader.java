package com.example.checkpointdemo.report;

import com.example.checkpointdemo.evidence.JobFacts;
import com.example.checkpointdemo.evidence.CheckpointCopies;
import com.example.checkpointdemo.functions.savepoint.StateField;
import com.example.checkpointdemo.functions.savepoint.StateLayout;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.runner.ScriptErrors;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the running sums a checkpoint (or savepoint) holds, from its files, with Flink's State
 * Processor API: the keyed value state of the operator a {@link StateLayout} names, read as a
 * batch job on the cluster. The report reads the copy it keeps ({@link CheckpointCopies}), so what
 * it says is what {@code bin/demo inspect} shows later.
 *
 * <p>Why not the savepoint SQL connector for all of it (sql/inspect_checkpoint.sql uses it where it
 * can): it converts a state value to columns by Java reflection, and a heap backend hands it the
 * table runtime's rows (RowData) of the PTF's state as they were restored, which reflection cannot
 * read. The connector reads the keys; this reads the sums too.
 */
public final class CheckpointReader {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointReader.class);

    private final ClusterAddress cluster;
    /** Reads started while the job still ran, by what they read. */
    private final Map<String, CompletableFuture<RestoredState>> started = new ConcurrentHashMap<>();

    /** A reader that runs its reading jobs on {@code cluster}. */
    public CheckpointReader(ClusterAddress cluster) {
        this.cluster = cluster;
    }

    /**
     * Starts reading {@code restored} (its copy {@code copy}) on another thread, as soon as the
     * job has restored it: the job, paced, leaves the cluster idle enough, and the report need not
     * wait for it afterwards.
     */
    void readSoon(JobFacts.Restore restored, @Nullable CheckpointCopies.Copy copy, @Nullable StateLayout layout, String backend) {
        if (copy == null || copy.copy() == null) {
            return; // not copied yet (its storage may be down): the report reads it once it is
        }
        started.computeIfAbsent(key(restored), key -> CompletableFuture.supplyAsync(
                () -> readNow(restored, copy, layout, backend),
                task -> {
                    final Thread thread = new Thread(task, "read-restored-checkpoint");
                    thread.setDaemon(true);
                    thread.start();
                }));
    }

    /** What {@code restored} holds: the read {@link #readSoon} started, or one now. */
    RestoredState read(JobFacts.Restore restored, @Nullable CheckpointCopies.Copy copy, @Nullable StateLayout layout, String backend) {
        final CompletableFuture<RestoredState> early = started.get(key(restored));
        return early != null ? early.join() : readNow(restored, copy, layout, backend);
    }

    /** Waits for every read started early. */
    void awaitReads() {
        started.values().forEach(CompletableFuture::join);
    }

    private static String key(JobFacts.Restore restored) {
        return restored.checkpointId() + " " + restored.path();
    }

    /**
     * What {@code restored} holds, read from its copy. No copy, no layout, or a failed read: the
     * state is not read (a warning says why), and the report cannot prove the restore.
     */
    private RestoredState readNow(
            JobFacts.Restore restored, @Nullable CheckpointCopies.Copy copy, @Nullable StateLayout layout, String backend) {
        final RestoredState state = readCopy(restored, copy, layout, backend);
        if (!state.isRead()) {
            LOG.warn("The state of the restored checkpoint {} was not read: {}", restored.checkpointId(), state.how());
        }
        return state;
    }

    private RestoredState readCopy(
            JobFacts.Restore restored, @Nullable CheckpointCopies.Copy copy, @Nullable StateLayout layout, String backend) {
        final String name = restored.savepoint() ? "savepoint" : "checkpoint";
        if (copy == null) {
            return RestoredState.unreadable(restored.checkpointId(), restored.path(), null,
                    "the " + name + " was never copied (the job ended before it could be)");
        }
        if (copy.copy() == null) {
            return RestoredState.unreadable(restored.checkpointId(), restored.path(), null, copy.failure());
        }
        final String path = copy.copy().toUri().toString();
        final String kept = copy.copy().toString();
        if (layout == null) {
            return RestoredState.unreadable(restored.checkpointId(), restored.path(), kept,
                    "the job's running sum is not kept by a function whose state layout is known");
        }
        try {
            return RestoredState.read(restored.checkpointId(), restored.path(), kept, runningSumsTrying(path, layout, backend),
                    layout.describe());
        } catch (Exception e) {
            return RestoredState.unreadable(restored.checkpointId(), restored.path(), kept,
                    "reading " + layout.describe() + " failed: " + ScriptErrors.rootMessage(e));
        }
    }

    /**
     * {@link #runningSums(String, StateLayout, String)}, tried again after a failure up to four times
     * over some 15 s: the reading job runs on the cluster, whose new leading JobManager may still be
     * taking over, or whose object store may be coming back. A failure that another try cannot mend
     * (no such checkpoint, no such state, a backend the reader cannot read) ends it at once.
     */
    public Map<String, Long> runningSumsTrying(String path, StateLayout layout, String backend) {
        for (int attempt = 0; ; attempt++) {
            try {
                return runningSums(path, layout, backend);
            } catch (Exception e) {
                if (attempt == 4 || !passing(e)) {
                    throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(ScriptErrors.rootMessage(e), e);
                }
            }
            try {
                Thread.sleep(1000L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + path, e);
            }
        }
    }

    /**
     * Whether {@code failure} may pass: the cluster or the storage did not answer (a connection, a
     * timeout, a leader being elected, the reading job lost in a JobManager's failover, or failed
     * on a TaskManager just killed that the cluster had not yet noticed), not a missing file or a
     * state the reader cannot read. (A reading job that fails for good fails each try alike.)
     */
    static boolean passing(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.FileNotFoundException) {
                return false;
            }
            // A JobManager's exception reaches the client as the text of a RestClientException: its name is in the message.
            final String named = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            if (cause instanceof java.net.ConnectException || cause instanceof java.util.concurrent.TimeoutException
                    || java.util.stream.Stream.of("FlinkJobNotFoundException", "JobSubmissionException", "RecipientUnreachableException",
                                    "no job execution result can be fetched", "is no longer reachable", "NoResourceAvailableException")
                            .anyMatch(named::contains)
                    || named.toLowerCase(java.util.Locale.ROOT).contains("leader")) {
                return true;
            }
        }
        return false;
    }

    /** Each key's running sum in the checkpoint or savepoint at {@code path}, where {@code layout} says it is. */
    public Map<String, Long> runningSums(String path, StateLayout layout) throws Exception {
        return runningSums(path, layout, "hashmap");
    }

    /**
     * The same, for a checkpoint of the state backend {@code backend} ({@link
     * com.example.checkpointdemo.runner.RunningJob#stateBackend()}): RocksDB's own format
     * (incremental checkpoints) is read back by RocksDB, and so is ForSt's (the State Processor API
     * cannot run ForSt in Flink 2.3.0: its environment has no async operations thread pool).
     */
    public Map<String, Long> runningSums(String path, StateLayout layout, String backend) throws Exception {
        if ("changelog".equals(backend)) {
            // Flink 2.3.0 says "State processor api does not support changelog." (FLINK-37398).
            throw new UnsupportedOperationException(
                    "the State Processor API cannot read a checkpoint of the changelog state backend (FLINK-37398)");
        }
        final OperatorIdentifier operator = layout.operatorUid() != null
                ? OperatorIdentifier.forUid(layout.operatorUid())
                : OperatorIdentifier.forUidHash(operatorsOf(path).entrySet().stream()
                        .filter(e -> e.getValue().contains(layout.operatorName()))
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException(
                                path + " holds no state of an operator named " + layout.operatorName())));
        final Configuration config = cluster.clientConfiguration();
        config.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        config.setString("pipeline.name", "read-checkpoint");
        final StreamExecutionEnvironment env = new StreamExecutionEnvironment(config);
        final Map<String, Long> sums = new TreeMap<>();
        try (var rows = SavepointReader.read(env, path, stateBackend(backend))
                .readKeyedState(operator, new RunningSums(layout), StateField.KEY.typeInfo(), Types.TUPLE(Types.STRING, Types.LONG))
                .executeAndCollect("read-checkpoint")) {
            rows.forEachRemaining(sum -> sums.put(sum.f0, sum.f1));
        }
        return sums;
    }

    /**
     * The running sums of every layout {@link StateLayout#known() we know} found in the checkpoint
     * at {@code path}, by the function that keeps them: for a checkpoint of unknown origin.
     */
    public Map<String, Map<String, Long>> runningSums(String path) throws Exception {
        final Map<String, String> operators = operatorsOf(path);
        final Map<String, Map<String, Long>> found = new LinkedHashMap<>();
        for (StateLayout layout : StateLayout.known()) {
            final boolean present = layout.operatorUid() != null
                    ? operators.values().stream().anyMatch(name -> name.endsWith(" uid " + layout.operatorUid()))
                    : operators.values().stream().anyMatch(name -> name.contains(layout.operatorName()));
            if (present) {
                found.put(layout.function(), runningSumsOfAnyBackend(path, layout));
            }
        }
        return found;
    }

    /**
     * The running sums, read as the heap backend reads a full snapshot (the heap's and RocksDB's
     * full ones); failing that, as RocksDB reads its own files (incremental, and ForSt's).
     */
    private Map<String, Long> runningSumsOfAnyBackend(String path, StateLayout layout) throws Exception {
        try {
            return runningSums(path, layout, "hashmap");
        } catch (Exception notAFullSnapshot) {
            LOG.info("{} is not a full snapshot the heap backend reads ({}); reading it with RocksDB", path,
                    ScriptErrors.rootMessage(notAFullSnapshot));
            try {
                return runningSums(path, layout, "rocksdb");
            } catch (Exception neither) {
                neither.addSuppressed(notAFullSnapshot);
                throw neither;
            }
        }
    }

    /**
     * The elements of the {@code SourceReaderState} of the source operator reading table {@code
     * table} (the planner names it {@code Source: <table>[n]} and gives it no uid): the splits the
     * source's reader kept, as the connector serialized them.
     */
    public List<byte[]> sourceReaderState(String path, String table) throws Exception {
        final String hash = sourceOperators(path).entrySet().stream()
                // "Source: lines[1]" for a file, "Source: KafkaSource-default_catalog.default_database.lines" for Kafka
                .filter(e -> e.getValue().matches("Source: (.*[.-])?" + java.util.regex.Pattern.quote(table) + "(\\[\\d+])?"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(path + " holds no state of a source reading " + table));
        final Configuration config = cluster.clientConfiguration();
        config.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        config.setString("pipeline.name", "read-checkpoint-source");
        final StreamExecutionEnvironment env = new StreamExecutionEnvironment(config);
        final List<byte[]> elements = new ArrayList<>();
        try (var rows = SavepointReader.read(env, path, new HashMapStateBackend())
                .readListState(OperatorIdentifier.forUidHash(hash), "SourceReaderState",
                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .executeAndCollect("read-checkpoint-source")) {
            rows.forEachRemaining(elements::add);
        }
        return elements;
    }

    /** Every operator the checkpoint holds state of, by uid hash (as Flink's messages name them): its name. */
    public static Map<String, String> operatorNames(String path) throws IOException {
        final Map<String, String> operators = new LinkedHashMap<>();
        for (OperatorState operator : SavepointLoader.loadSavepointMetadata(path).getOperatorStates()) {
            operators.put(operator.getOperatorID().toHexString(), operator.getOperatorName().orElse(""));
        }
        return operators;
    }

    /** A state backend that restores what {@code backend} checkpointed. */
    private static StateBackend stateBackend(String backend) {
        return switch (backend.toLowerCase(java.util.Locale.ROOT)) {
            case "rocksdb" -> new EmbeddedRocksDBStateBackend();
            case "forst" -> new EmbeddedRocksDBStateBackend();
            default -> new HashMapStateBackend();
        };
    }

    /** The operators that hold operator state (sources), by uid hash: their names. */
    private static Map<String, String> sourceOperators(String path) throws IOException {
        final Map<String, String> operators = new LinkedHashMap<>();
        for (OperatorState operator : SavepointLoader.loadSavepointMetadata(path).getOperatorStates()) {
            if (operator.getStates().stream().anyMatch(state -> !state.getManagedOperatorState().isEmpty())) {
                operators.put(operator.getOperatorID().toHexString(), operator.getOperatorName().orElse(""));
            }
        }
        return operators;
    }

    /**
     * The operators that hold keyed state in the checkpoint, by uid hash: {@code "<name> uid <uid>"}.
     * With {@link #sourceOperators}, the one use of Flink's internal {@link SavepointLoader}: the
     * planner gives a Table API aggregate and a SQL source no uid, so they are found by their
     * names, which only the checkpoint's metadata lists.
     */
    private static Map<String, String> operatorsOf(String path) throws IOException {
        final Map<String, String> operators = new LinkedHashMap<>();
        for (OperatorState operator : SavepointLoader.loadSavepointMetadata(path).getOperatorStates()) {
            if (operator.getStates().stream().anyMatch(state -> !state.getManagedKeyedState().isEmpty())) {
                operators.put(operator.getOperatorID().toHexString(),
                        operator.getOperatorName().orElse("") + " uid " + operator.getOperatorUid().orElse(""));
            }
        }
        return operators;
    }

    /** Each key and the running sum its value state holds. */
    private static final class RunningSums extends KeyedStateReaderFunction<Object, Tuple2<String, Long>> {

        private static final long serialVersionUID = 1L;

        private final StateLayout layout;
        private transient ValueState<Object> state;

        RunningSums(StateLayout layout) {
            this.layout = layout;
        }

        @Override
        public void open(OpenContext context) {
            state = getRuntimeContext().getState(new ValueStateDescriptor<>(layout.stateName(), StateField.VALUE.serializer()));
        }

        @Override
        public void readKey(Object key, Context context, Collector<Tuple2<String, Long>> out) throws IOException {
            final Object value = state.value();
            if (value != null) {
                out.collect(Tuple2.of(StateField.keyText(key), layout.runningSumOf(StateField.VALUE.of(value))));
            }
        }
    }
}
