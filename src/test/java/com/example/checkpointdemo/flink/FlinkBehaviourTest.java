package com.example.checkpointdemo.flink;

import com.example.checkpointdemo.functions.SumAndFailOnce;

import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.DefaultFileFilter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.table.DeserializationSchemaAdapter;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.formats.raw.RawFormatDeserializationSchema;
import org.apache.flink.runtime.jobgraph.tasks.CheckpointCoordinatorConfiguration;
import org.apache.flink.runtime.state.SnappyStreamCompressionDecorator;
import org.apache.flink.runtime.state.StreamCompressionDecorator;
import org.apache.flink.runtime.state.UncompressedStreamCompressionDecorator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.AbstractMultipleInputTransformation;
import org.apache.flink.streaming.api.transformations.PartitionTransformation;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.operators.process.ProcessTableOperatorFactory;
import org.apache.flink.table.runtime.operators.process.RuntimeStateInfo;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flink 2.3.0's behaviours that our code works around, pinned without a cluster: each test asserts
 * what Flink does today, so it fails the day an upgrade changes it. docs/flink-behaviour.md says,
 * per test, what we do because of it and what to do when it fails.
 */
class FlinkBehaviourTest {

    @TempDir java.nio.file.Path dir;

    /**
     * The {@code raw} format's reader forgets, on a restore, the rows it skipped: the position of
     * the first row it reads after skipping 3 says 1 row, not 4. The next checkpoint records that
     * position, and a second restore re-reads rows (why sql/checkpoint_demo.sql reads a CSV).
     */
    @Test
    void theRawFormatsRestoredReaderCountsPositionsFromZeroAgain() throws IOException {
        final java.nio.file.Path file = Files.write(dir.resolve("lines.txt"), List.of("1", "2", "3", "4", "5"));
        final RowType line = (RowType) DataTypes.ROW(DataTypes.FIELD("line", DataTypes.STRING())).getLogicalType();
        final DeserializationSchemaAdapter raw = new DeserializationSchemaAdapter(
                new RawFormatDeserializationSchema(DataTypes.STRING().getLogicalType(), InternalTypeInfo.of(line), "UTF-8", true));
        final long length = Files.size(file);
        final FileSourceSplit afterThreeRows = new FileSourceSplit("0", new Path(file.toUri()), 0, length, 0, length,
                new String[0], new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 3));

        final BulkFormat.Reader<RowData> reader = raw.restoreReader(new Configuration(), afterThreeRows);
        final var first = reader.readBatch().next();
        reader.close();

        assertThat(first.getRecord().getString(0).toString()).isEqualTo("4");
        // Right would be 4 (three skipped, then this one), as the csv format's reader says.
        assertThat(first.getRecordSkipCount()).as("records after offset of the first row read after a restore").isEqualTo(1);
    }

    /**
     * The heap backend reads an uncompressed snapshot through the file's own stream, unbuffered:
     * on Java 17 every {@code readInt} of the state is four one-byte reads (four system calls on a
     * local file). With snapshot compression the decompressor reads blocks. (Why our scripts set
     * {@code execution.checkpointing.snapshot-compression = true}.)
     */
    @Test
    void anUncompressedHeapSnapshotIsReadOneByteAtATime() throws IOException {
        final int ints = 1000;
        final CountingStream uncompressed = new CountingStream(new ByteArrayInputStream(written(ints, out -> out)));
        readInts(UncompressedStreamCompressionDecorator.INSTANCE.decorateWithCompression(uncompressed), ints);

        final StreamCompressionDecorator snappy = SnappyStreamCompressionDecorator.INSTANCE;
        final CountingStream compressed = new CountingStream(new ByteArrayInputStream(written(ints, snappy::decorateWithCompression)));
        readInts(snappy.decorateWithCompression(compressed), ints);

        assertThat(uncompressed.singleByteReads).isEqualTo(4L * ints);
        assertThat(compressed.singleByteReads).isZero();
    }

    /**
     * A ProcessTableFunction's state without {@code ttl} gets a time-to-live of {@code
     * Long.MAX_VALUE}, not none: Flink wraps every value with a timestamp that never expires (about
     * half of SumAndFailOnce's CPU, docs/performance.md). {@code @StateHint(ttl = "0")} turns it off.
     */
    @Test
    void aProcessTableFunctionsStateWithoutTtlGetsANeverExpiringTtl() throws Exception {
        assertThat(stateTimeToLive(NoTtlSum.class)).isEqualTo(Long.MAX_VALUE);
        assertThat(stateTimeToLive(SumAndFailOnce.class)).as("@StateHint(ttl = \"0\")").isZero();
    }

    /**
     * An exactly-once Kafka sink asks for a transaction timeout of one hour unless told otherwise,
     * as the connector itself builds its producer's configuration: above a broker's default
     * {@code transaction.max.timeout.ms} (15 min), which refuses it (the {@code kafka-timeout} lesson).
     */
    @Test
    void theKafkaSinksDefaultTransactionTimeoutIsAnHour() throws Exception {
        final org.apache.flink.connector.kafka.sink.KafkaSink<String> sink = org.apache.flink.connector.kafka.sink.KafkaSink.<String>builder()
                .setBootstrapServers("127.0.0.1:9")
                .setRecordSerializer(org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema.builder().setTopic("t")
                        .setValueSerializationSchema(new org.apache.flink.api.common.serialization.SimpleStringSchema()).build())
                .setDeliveryGuarantee(org.apache.flink.connector.base.DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix("p")
                .build();
        // The sink's own view of the producer configuration it will use (protected: read by reflection).
        final java.lang.reflect.Method config = org.apache.flink.connector.kafka.sink.KafkaSink.class.getDeclaredMethod("getKafkaProducerConfig");
        config.setAccessible(true);

        assertThat(((java.util.Properties) config.invoke(sink)).get("transaction.timeout.ms"))
                .isEqualTo((int) java.time.Duration.ofHours(1).toMillis());
    }

    /** The defaults our runner and scenarios change, each for a reason the docs give. */
    @Test
    void theCheckpointingDefaultsWeChange() {
        // One retained checkpoint: a later one deletes the earlier before the report copies it (num-retained = 100).
        assertThat(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS.defaultValue()).isEqualTo(1);
        // State under 20 KB is written into _metadata; above it, files referenced by absolute path.
        assertThat(CheckpointingOptions.FS_SMALL_FILE_THRESHOLD.defaultValue()).isEqualTo(MemorySize.parse("20kb"));
        // The first failed checkpoint fails the job (s3-outage sets 60).
        assertThat(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER.defaultValue()).isZero();
    }

    /** Checkpointing while an unaligned checkpoint's in-flight data is replayed: off, and inert without its prerequisite. */
    @Test
    void checkpointingDuringRecoveryNeedsOutputRecoveredDownstreamToo() {
        assertThat(CheckpointingOptions.CHECKPOINTING_DURING_RECOVERY_ENABLED.defaultValue()).isFalse();
        final Configuration alone = new Configuration();
        alone.set(CheckpointingOptions.CHECKPOINTING_DURING_RECOVERY_ENABLED, true);
        assertThat(CheckpointingOptions.isCheckpointingDuringRecoveryEnabled(alone)).isFalse();
        alone.set(CheckpointingOptions.UNALIGNED_RECOVER_OUTPUT_ON_DOWNSTREAM, true);
        assertThat(CheckpointingOptions.isCheckpointingDuringRecoveryEnabled(alone)).isTrue();
    }

    /** A SQL job's operators get uids from the planner only when it runs a compiled plan (upgrades.md, rule 2). */
    @Test
    void sqlOperatorsGetUidsOnlyFromACompiledPlanByDefault() {
        assertThat(ExecutionConfigOptions.TABLE_EXEC_UID_GENERATION.defaultValue())
                .isEqualTo(ExecutionConfigOptions.UidGeneration.PLAN_ONLY);
        assertThat(ExecutionConfigOptions.TABLE_EXEC_UID_FORMAT.defaultValue()).isEqualTo("<id>_<transformation>");
    }

    /**
     * Periodic checkpoints start after a random delay between the minimum pause and the interval:
     * a scenario that takes its own checkpoint sets both to an hour, so none comes first.
     */
    @Test
    void theFirstPeriodicCheckpointWaitsAtLeastTheMinimumPause() {
        final CheckpointCoordinatorConfiguration hourly = CheckpointCoordinatorConfiguration.builder()
                .setCheckpointInterval(3_600_000).setMinPauseBetweenCheckpoints(3_600_000).build();
        final CheckpointCoordinatorConfiguration lesson = CheckpointCoordinatorConfiguration.builder()
                .setCheckpointInterval(1000).setMinPauseBetweenCheckpoints(500).build();

        IntStream.range(0, 200).forEach(i -> {
            assertThat(hourly.getInitialTriggeringDelay()).isGreaterThanOrEqualTo(3_600_000);
            assertThat(lesson.getInitialTriggeringDelay()).isBetween(500L, 1000L);
        });
    }

    /**
     * The planner names a PTF's operator after the call and gives it that uid; the source and the
     * projections get none. The checkpoint reader finds the running sum by that uid, and finds a
     * source by its name. A non-deterministic function in the projection over the source (PACE)
     * runs before the keyed exchange, in the source's task: where a checkpoint barrier never waits
     * behind buffered rows.
     */
    @Test
    void thePtfsOperatorHasTheCallAsUidAndPaceRunsBeforeTheKeyedExchange() {
        final StreamTableEnvironment tEnv = StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
        tEnv.executeSql("CREATE TABLE lines (v BIGINT) WITH ('connector' = 'datagen')");
        tEnv.createTemporarySystemFunction("PACE", com.example.checkpointdemo.functions.Pace.class);
        tEnv.createTemporarySystemFunction("SumAndFailOnce", SumAndFailOnce.class);
        tEnv.executeSql("CREATE TEMPORARY VIEW numbers_keyed AS SELECT 'all' AS k, PACE(v, 200) AS v FROM lines");
        final Transformation<?> ptf = upstreamOf(tEnv.toDataStream(tEnv.sqlQuery(
                "SELECT * FROM SumAndFailOnce(input => TABLE numbers_keyed PARTITION BY k)")).getTransformation(), "ProcessTableFunction");

        assertThat(ptf.getUid()).isEqualTo("SumAndFailOnce");
        final Transformation<?> exchange = ptf.getInputs().get(0);
        assertThat(exchange).isInstanceOf(PartitionTransformation.class);
        final Transformation<?> pace = exchange.getInputs().get(0);
        assertThat(pace.getDescription()).contains("PACE(");
        final Transformation<?> source = pace.getInputs().get(0);
        assertThat(source.getName()).startsWith("lines[");
        assertThat(Stream.of(pace, source)).allSatisfy(t -> assertThat(t.getUid()).isNull());
    }

    /** Readers of a file sink's folder leave out hidden files (a part file in progress, {@code _SUCCESS}): so does the report. */
    @Test
    void filesBeginningWithADotOrAnUnderscoreAreNotRead() {
        final DefaultFileFilter filter = new DefaultFileFilter();

        assertThat(filter.test(new Path("/out/.part-1-0.inprogress.3c1f"))).isFalse();
        assertThat(filter.test(new Path("/out/_SUCCESS"))).isFalse();
        assertThat(filter.test(new Path("/out/part-1-0"))).isTrue();
    }

    private interface Compression {
        OutputStream decorate(OutputStream out) throws IOException;
    }

    private static byte[] written(int ints, Compression compression) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compression.decorate(bytes)) {
            final DataOutputViewStreamWrapper view = new DataOutputViewStreamWrapper(out);
            for (int i = 0; i < ints; i++) {
                view.writeInt(i);
            }
        }
        return bytes.toByteArray();
    }

    private static void readInts(InputStream in, int ints) throws IOException {
        final DataInputViewStreamWrapper view = new DataInputViewStreamWrapper(in);
        for (int i = 0; i < ints; i++) {
            assertThat(view.readInt()).isEqualTo(i);
        }
    }

    /** Counts the one-byte reads made of the stream beneath. */
    private static final class CountingStream extends FilterInputStream {
        long singleByteReads;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            singleByteReads++;
            return super.read();
        }
    }

    /** The first transformation named {@code name} upstream of {@code from}. */
    private static Transformation<?> upstreamOf(Transformation<?> from, String name) {
        final Deque<Transformation<?>> toVisit = new ArrayDeque<>(List.of(from));
        while (!toVisit.isEmpty()) {
            final Transformation<?> transformation = toVisit.pop();
            if (transformation.getName().startsWith(name)) {
                return transformation;
            }
            toVisit.addAll(transformation.getInputs());
        }
        throw new AssertionError("no " + name + " upstream of " + from.getName());
    }

    /** The time-to-live the planner gives the state of {@code function}'s operator. */
    private static long stateTimeToLive(Class<?> function) throws Exception {
        final StreamTableEnvironment tEnv = StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
        tEnv.executeSql("CREATE TABLE src (k STRING, v BIGINT) WITH ('connector' = 'datagen')");
        tEnv.createTemporarySystemFunction("F", function.asSubclass(org.apache.flink.table.functions.UserDefinedFunction.class));
        final Transformation<?> ptf = upstreamOf(
                tEnv.toDataStream(tEnv.sqlQuery("SELECT * FROM F(input => TABLE src PARTITION BY k)")).getTransformation(), "ProcessTableFunction");
        final Object factory = ((AbstractMultipleInputTransformation<?>) ptf).getOperatorFactory();
        final java.lang.reflect.Field field = ProcessTableOperatorFactory.class.getDeclaredField("stateInfos");
        field.setAccessible(true);
        @SuppressWarnings("unchecked")
        final List<RuntimeStateInfo> states = (List<RuntimeStateInfo>) field.get(factory);
        return states.get(0).getTimeToLive();
    }
}
