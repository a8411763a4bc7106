package com.example.checkpointdemo.report;

import com.example.checkpointdemo.functions.SumAndFailOnce;
import com.example.checkpointdemo.functions.SumAndFailOnceAggregate;
import com.example.checkpointdemo.functions.SumAndFailOnceStateFlag;
import com.example.checkpointdemo.functions.savepoint.StateField;
import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.plumbing.Directories;
import com.example.checkpointdemo.runner.ScriptErrors;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the running sums a checkpoint (or savepoint) holds, from its files, with Flink's State
 * Processor API: finds the operator whose keyed state has a value state (the PTF's {@code state},
 * the DataStream operator's {@code running_sum}, the aggregate's accumulator) and reads each key's
 * running sum out of it, as a batch job on the cluster.
 *
 * <p>Why not the savepoint SQL connector for all of it (sql/inspect_checkpoint.sql uses it where it
 * can): it converts a state value to columns by Java reflection, and a heap backend hands it the
 * table runtime's rows (RowData) of the PTF's state as they were restored, which reflection cannot
 * read. The connector reads the keys; this reads the sums too.
 */
public final class CheckpointReader {

    private final ClusterAddress cluster;
    /** Reads started while the job still ran, by what they read. */
    private final Map<String, CompletableFuture<RestoredState>> started = new ConcurrentHashMap<>();

    /** A reader that runs its reading jobs on {@code cluster}. */
    public CheckpointReader(ClusterAddress cluster) {
        this.cluster = cluster;
    }

    /**
     * Starts reading {@code restored} on another thread, as soon as the job has restored it: the
     * job, paced, leaves the cluster idle enough, and the report need not wait for it afterwards.
     */
    void readSoon(JobFacts.Restore restored, Map<Long, Path> copies) {
        started.computeIfAbsent(key(restored), key -> CompletableFuture.supplyAsync(
                () -> readNow(restored, copies),
                task -> {
                    final Thread thread = new Thread(task, "read-restored-checkpoint");
                    thread.setDaemon(true);
                    thread.start();
                }));
    }

    /** What {@code restored} holds: the read {@link #readSoon} started, or one now. */
    RestoredState read(JobFacts.Restore restored, Map<Long, Path> copies) {
        final CompletableFuture<RestoredState> early = started.get(key(restored));
        return early != null ? early.join() : readNow(restored, copies);
    }

    private static String key(JobFacts.Restore restored) {
        return restored.checkpointId() + " " + restored.path();
    }

    /** What {@code restored} holds, read from its copy in {@code copies} or where Flink left it. */
    private RestoredState readNow(JobFacts.Restore restored, Map<Long, Path> copies) {
        final Path copy = restored.savepoint() ? null : copies.get(restored.checkpointId());
        final String path = copy != null ? copy.toUri().toString() : restored.path();
        if (copy == null && !exists(restored.path())) {
            return RestoredState.unreadable(restored.checkpointId(), restored.path(),
                    "the job deleted it when it finished, before it could be copied");
        }
        try {
            return RestoredState.read(restored.checkpointId(), path, runningSums(path), "Flink's State Processor API");
        } catch (Exception e) {
            return RestoredState.unreadable(restored.checkpointId(), path, ScriptErrors.rootMessage(e));
        }
    }

    /** Each key's running sum in the checkpoint or savepoint at {@code path}. */
    public Map<String, Long> runningSums(String path) throws Exception {
        final Map<String, Long> sums = new TreeMap<>();
        for (OperatorState operator : SavepointLoader.loadSavepointMetadata(path).getOperatorStates()) {
            final boolean keyed = operator.getStates().stream().anyMatch(state -> !state.getManagedKeyedState().isEmpty());
            if (!keyed) {
                continue;
            }
            final OperatorIdentifier id = OperatorIdentifier.forUidHash(operator.getOperatorID().toHexString());
            final String valueState = valueStateOf(SavepointLoader.loadOperatorStateMetadata(path, id));
            if (valueState != null) {
                read(path, id, valueState, Layout.of(operator)).forEach(sum -> sums.put(sum.f0, sum.f1));
            }
        }
        return sums;
    }

    /** The name of the operator's first value state, or null: the running sum lives there. */
    private static String valueStateOf(Map<String, StateMetaInfoSnapshot> states) {
        return states.entrySet().stream()
                .filter(e -> e.getValue().getBackendStateType() == StateMetaInfoSnapshot.BackendStateType.KEY_VALUE)
                .filter(e -> "VALUE".equals(e.getValue().getOption(StateMetaInfoSnapshot.CommonOptionsKeys.KEYED_STATE_TYPE)))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    /**
     * Where the running sum is in a state value: a Long (the DataStream operator), or the field
     * {@code runningSum} of a row the table runtime made of a class's public fields, which it
     * orders by name: the PTF's state class, or the aggregate's accumulator, itself inside a row
     * of the aggregate's accumulators.
     */
    record Layout(int fields, int runningSum, boolean inAccumulators) implements java.io.Serializable {

        static Layout of(OperatorState operator) {
            if (operator.getOperatorName().orElse("").contains("TableAggregate")) {
                return of(SumAndFailOnceAggregate.SumAccumulator.class, true);
            }
            // The PTF's operator takes the function's name as its uid.
            return "SumAndFailOnceStateFlag".equals(operator.getOperatorUid().orElse(""))
                    ? of(SumAndFailOnceStateFlag.FlaggedSum.class, false)
                    : of(SumAndFailOnce.SumState.class, false);
        }

        private static Layout of(Class<?> state, boolean inAccumulators) {
            final List<String> names = Arrays.stream(state.getFields()).map(Field::getName).sorted().toList();
            return new Layout(names.size(), names.indexOf("runningSum"), inAccumulators);
        }

        long runningSum(Object value) {
            if (!(value instanceof RowData row)) {
                return ((Number) value).longValue();
            }
            return (inAccumulators ? row.getRow(0, fields) : row).getLong(runningSum);
        }
    }

    private List<Tuple2<String, Long>> read(String path, OperatorIdentifier operator, String stateName, Layout layout)
            throws Exception {
        final Configuration config = cluster.clientConfiguration();
        config.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        config.setString("pipeline.name", "read-checkpoint");
        final StreamExecutionEnvironment env = new StreamExecutionEnvironment(config);
        final List<Tuple2<String, Long>> sums = new java.util.ArrayList<>();
        try (var rows = SavepointReader.read(env, path, new HashMapStateBackend())
                .readKeyedState(operator, new RunningSums(stateName, layout), StateField.KEY.typeInfo(), Types.TUPLE(Types.STRING, Types.LONG))
                .executeAndCollect("read-checkpoint")) {
            rows.forEachRemaining(sums::add);
        }
        return sums;
    }

    /** Each key and the running sum its value state holds. */
    private static final class RunningSums extends KeyedStateReaderFunction<Object, Tuple2<String, Long>> {

        private static final long serialVersionUID = 1L;

        private final String stateName;
        private final Layout layout;
        private transient ValueState<Object> state;

        RunningSums(String stateName, Layout layout) {
            this.stateName = stateName;
            this.layout = layout;
        }

        @Override
        public void open(OpenContext context) {
            state = getRuntimeContext().getState(new ValueStateDescriptor<>(stateName, StateField.RUNNING_SUM.serializer()));
        }

        @Override
        public void readKey(Object key, Context context, Collector<Tuple2<String, Long>> out) throws IOException {
            final Object value = state.value();
            if (value != null) {
                out.collect(Tuple2.of(StateField.keyText(key), layout.runningSum(value)));
            }
        }
    }

    private static boolean exists(String path) {
        try {
            final Path local = Paths.get(URI.create(path.replaceFirst("^file:/+", "file:///")));
            return Files.exists(local.resolve("_metadata"));
        } catch (IllegalArgumentException notLocal) {
            return true; // not a local path: let the reading job try
        }
    }

    /** Deletes the copies of checkpoints the job did not restore, once no read uses them. */
    void keepOnlyRestored(Map<Long, Path> copies, JobFacts job) {
        started.values().forEach(CompletableFuture::join);
        copies.forEach((id, copy) -> {
            if (!id.equals(job.restoredCheckpointId())) {
                Directories.delete(copy);
            }
        });
    }
}
