package com.example.checkpointdemo.flink;

import com.example.checkpointdemo.evidence.JobInspector;
import com.example.checkpointdemo.functions.SumAndCount;
import com.example.checkpointdemo.functions.SumAndFailOnce;
import com.example.checkpointdemo.functions.SumAndFailOnceAggregate;
import com.example.checkpointdemo.plumbing.RestApi;
import com.example.checkpointdemo.testing.HoldUntilCheckpoint;
import com.example.checkpointdemo.testing.MiniClusters;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Flink 2.3.0's behaviours that our code works around or relies on, pinned on a MiniCluster: each
 * test asserts what Flink does today, so it fails the day an upgrade changes it.
 * docs/flink-behaviour.md says, per test, what we do because of it.
 */
class FlinkRuntimeBehaviourITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.extension();

    @TempDir Path dir;

    /** {@code fail_on => 8} into a BIGINT argument: the generated code casts an int to Long, and does not compile. */
    @Test
    void anIntLiteralForABigintArgumentOfAProcessTableFunctionDoesNotCompile() throws Exception {
        final StreamTableEnvironment tEnv = streaming();
        tEnv.getConfig().set("restart-strategy.type", "none");
        tEnv.createTemporarySystemFunction("BigintArgument", BigintArgument.class);
        tEnv.executeSql("CREATE TEMPORARY VIEW t AS SELECT * FROM (VALUES ('all', CAST(1 AS BIGINT))) AS x(k, v)");
        tEnv.executeSql("CREATE TEMPORARY TABLE sink (k STRING, v BIGINT) WITH ('connector' = 'blackhole')");

        final Throwable intLiteral = catchThrowable(() ->
                tEnv.executeSql("INSERT INTO sink SELECT * FROM BigintArgument(input => TABLE t PARTITION BY k, fail_on => 8)").await());

        assertThat(ExceptionUtils.stringifyException(intLiteral)).contains("CompileException", "Cannot cast \"int\" to \"java.lang.Long\"");
        // A BIGINT literal runs: the workaround is an INT parameter, or a CAST in every call.
        tEnv.executeSql("INSERT INTO sink SELECT * FROM BigintArgument(input => TABLE t PARTITION BY k, fail_on => CAST(8 AS BIGINT))").await();
    }

    /** A TableAggregateFunction called from SQL fails in code generation: the Table API's flatAggregate is the only way. */
    @Test
    void aTableAggregateFunctionCannotBeCalledFromSql() {
        final StreamTableEnvironment tEnv = streaming();
        tEnv.getConfig().set("restart-strategy.type", "none");
        tEnv.createTemporarySystemFunction("SumAgg", SumAndFailOnceAggregate.class);
        tEnv.executeSql("CREATE TEMPORARY VIEW t AS SELECT * FROM (VALUES ('all', CAST(1 AS BIGINT))) AS x(k, v)");

        final Throwable fromSql = catchThrowable(() -> collect(tEnv.executeSql("SELECT k, SumAgg(v, CAST(NULL AS STRING)) FROM t GROUP BY k")));

        assertThat(ExceptionUtils.stringifyException(fromSql)).contains("A method named \"getValue\" is not declared");
    }

    /**
     * REST names only the latest restore ({@code latest.restored}); {@code counts.restored} counts
     * every one. The verdict relies on the count for restores a poll missed.
     */
    @Test
    void restNamesOnlyTheLatestRestoreButCountsThemAll() throws Exception {
        final JsonNode checkpoints = checkpointsOf(runHeldAtThree("fail_plan => '3,3'"));

        assertThat(checkpoints.path("counts").path("restored").asInt()).isEqualTo(2);
        assertThat(checkpoints.path("latest").path("restored").isObject()).isTrue();
        assertThat(checkpoints.path("latest").path("restored").path("id").asLong()).isPositive();
    }

    /**
     * A job that FINISHES deletes its completed checkpoints, RETAIN_ON_CANCELLATION or not: no
     * {@code _metadata} stays. The report copies each one as it completes. (A checkpoint aborted as
     * the tasks finish may leave its {@code chk-N} folder behind, without {@code _metadata}: a task's
     * late write creates it again after the abort deleted it.)
     */
    @Test
    void aFinishedJobDeletesItsCheckpointsWhateverTheRetention() throws Exception {
        final String jobId = runHeldAtThree("fail_on => CAST(NULL AS INT)");

        final List<Path> completed = new ArrayList<>();
        for (JsonNode checkpoint : checkpointsOf(jobId).path("history")) {
            if ("COMPLETED".equals(checkpoint.path("status").asText())) {
                completed.add(Path.of(new org.apache.flink.core.fs.Path(checkpoint.path("external_path").asText()).toUri().getPath()));
            }
        }
        assertThat(completed).isNotEmpty();
        // The job reports FINISHED before its checkpoints' cleaner has run: wait for them to go.
        await("completed checkpoints still there after the job finished", () ->
                completed.stream().noneMatch(Files::exists) ? Boolean.TRUE : null);
        try (Stream<Path> files = Files.walk(dir.resolve("checkpoints").resolve(jobId))) {
            assertThat(files.map(path -> path.getFileName().toString())).doesNotContain("_metadata");
        }
    }

    /**
     * The completed-checkpoint store is sized from the cluster's configuration (the JobManager's):
     * a job that asks for one retained checkpoint keeps as many as the cluster says
     * ({@link com.example.checkpointdemo.runner.EmbeddedCluster#RETAINED_CHECKPOINTS}), counted on
     * disk after the job was cancelled with RETAIN_ON_CANCELLATION.
     */
    @Test
    void theClusterNotTheJobSaysHowManyCheckpointsAreRetained() throws Exception {
        final StreamTableEnvironment tEnv = streaming();
        final Path checkpoints = dir.resolve("retained");
        tEnv.getConfig().set("execution.checkpointing.interval", "100ms");
        tEnv.getConfig().set("execution.checkpointing.dir", checkpoints.toUri().toString());
        tEnv.getConfig().set("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        tEnv.getConfig().set("execution.checkpointing.num-retained", "1");
        tEnv.executeSql("CREATE TEMPORARY TABLE ticks (v BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '10')");
        tEnv.executeSql("CREATE TEMPORARY TABLE sink (v BIGINT) WITH ('connector' = 'blackhole')");
        final JobClient job = tEnv.executeSql("INSERT INTO sink SELECT v FROM ticks").getJobClient().orElseThrow();
        final String jobId = job.getJobID().toString();
        try {
            await("fewer than 3 checkpoints completed", () -> {
                try {
                    return checkpointsOf(jobId).path("counts").path("completed").asInt() >= 3 ? Boolean.TRUE : null;
                } catch (IllegalStateException starting) {
                    return null;
                }
            });
        } finally {
            job.cancel().get();
        }
        await("the job was not cancelled", () -> job.getJobStatus().get().isGloballyTerminalState() ? Boolean.TRUE : null);

        try (Stream<Path> folders = Files.list(checkpoints.resolve(jobId))) {
            assertThat(folders.map(folder -> folder.getFileName().toString()).filter(name -> name.matches("chk-\\d+")))
                    .as("the job asked for 1 retained checkpoint").hasSizeGreaterThanOrEqualTo(3);
        }
    }

    /**
     * A savepoint that does not stop the job notifies no operator of its completion: the file sink
     * commits nothing for it. Stop-with-savepoint does, and the job ends FINISHED.
     */
    @Test
    void anIntermediateSavepointCommitsNothingAndStopWithSavepointCommits() throws Exception {
        final Path output = dir.resolve("output");
        final JobClient job = runningSumsInto(output);
        try {
            awaitFileInProgress(job, output);
            job.triggerSavepoint(dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL).get();
            assertThat(committedFiles(output)).as("committed after an intermediate savepoint").isEmpty();

            job.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL).get();
            assertThat(job.getJobStatus().get().name()).isEqualTo("FINISHED");
            assertThat(committedFiles(output)).as("committed by stop-with-savepoint").isNotEmpty();
        } finally {
            cancelIfRunning(job);
        }
    }

    /**
     * The savepoint connector reads a PTF's keys from a heap checkpoint (with our key type
     * factory) but not its running sums: it turns a value into columns by reflection, and the
     * table runtime's row it gets answers none; it gives the row's toString. From a canonical
     * savepoint, not even the keys: the heap backend hands back the rows it restored.
     */
    @Test
    void theSavepointConnectorReadsOnlyThePtfsKeysFromAHeapCheckpoint() throws Exception {
        final Kept kept = checkpointAndSavepoint(Map.of());

        assertThat(keyAndState(kept.checkpoint())).satisfiesExactly(row -> {
            assertThat(row.getField(0)).isEqualTo("all");
            assertThat(row.getField(1).toString()).startsWith("org.apache.flink.table.data.binary.BinaryRowData@");
        });
        assertThat(keyAndState(kept.savepoint())).satisfiesExactly(row ->
                assertThat(row.getField(0).toString()).startsWith("org.apache.flink.table.data.binary.BinaryRowData@"));
    }

    /**
     * A RocksDB checkpoint, incremental or not, is in RocksDB's native format (the connector's
     * metadata loader takes only full key-group handles): the savepoint SQL connector cannot open
     * it, whatever {@code state.backend.type} it reads with. A canonical savepoint of the same job
     * it opens, read with {@code rocksdb}: the keys, and the PTF's state as a row's toString.
     */
    @Test
    void theSavepointConnectorCannotOpenARocksDbCheckpointOnlyACanonicalSavepoint() throws Exception {
        final Kept kept = checkpointAndSavepoint(Map.of("state.backend.type", "rocksdb", "execution.checkpointing.incremental", "false"));

        assertThatThrownBy(() -> keyAndState(kept.checkpoint(), "rocksdb"))
                .rootCause().hasMessageContaining("Unsupported KeyedStateHandle type").hasMessageContaining("IncrementalRemoteKeyedStateHandle");
        assertThat(keyAndState(kept.savepoint(), "rocksdb")).satisfiesExactly(row -> {
            assertThat(row.getField(0)).isEqualTo("all");
            assertThat(row.getField(1).toString()).startsWith("org.apache.flink.table.data.binary.BinaryRowData@");
        });
    }

    /**
     * A job started from a retained checkpoint ({@code execution.state-recovery.path}) reports the
     * restore as a savepoint ({@code is_savepoint: true}, in the default claim mode): the report
     * names a restore by its path (chk-N), not by that flag.
     */
    @Test
    void aJobStartedFromARetainedCheckpointReportsItAsASavepoint() throws Exception {
        final String checkpoint = retainedCheckpoint(SumAndFailOnce.class);

        final JobClient resumed = runningSumsInto(dir.resolve("resumed"), SumAndFailOnce.class,
                Map.of("execution.state-recovery.path", checkpoint));
        try {
            final JsonNode restored = awaitRestore(resumed.getJobID().toString());
            assertThat(restored.path("external_path").asText()).endsWith(checkpoint.replaceFirst("^file:/*", "/").replaceAll("/$", ""));
            assertThat(restored.path("is_savepoint").asBoolean()).isTrue();
        } finally {
            resumed.cancel().get();
        }
    }

    /**
     * A PTF's state checkpointed without {@code ttl} (Flink's never-expiring TTL) restores into the
     * same state with {@code ttl = "0"}: the TTL wrapper is migrated away, and the sum goes on from
     * what the checkpoint held. (An existing job can take the demo's {@code ttl = "0"}.)
     */
    @Test
    void aStateCheckpointedWithFlinksTtlRestoresWithoutIt() throws Exception {
        final String checkpoint = retainedCheckpoint(NoTtlSum.class);

        final long[] first = firstRowAfter(checkpoint, new Call(TtlZeroSum.class, "SumAndFailOnce", ""), false);

        // The sum came back: the first row after the restore added its v to what the state held.
        assertThat(first[1] - first[0]).as("the sum the ttl = \"0\" function resumed from").isPositive();
    }

    /** A PTF's state is found by its uid: renamed, the function keeps its state if the call keeps the uid. */
    @Test
    void aPtfRenamedWithItsUidKeptRestoresItsState() throws Exception {
        final String checkpoint = retainedCheckpoint(SumAndFailOnce.class);

        final long[] first = firstRowAfter(checkpoint, new Call(SumAndFailOnce.class, "RunningSum", ", uid => 'SumAndFailOnce'"), false);

        assertThat(first[1] - first[0]).as("the sum the renamed function resumed from").isPositive();
    }

    /**
     * Renamed without a uid, the PTF's operator is a new one: Flink refuses to start the job (the
     * checkpoint's state maps to no operator) unless told to ignore unclaimed state, and then the
     * sum starts from 0, with no error.
     */
    @Test
    void aPtfRenamedWithoutItsUidFailsToStartOrLosesItsStateQuietly() throws Exception {
        final String checkpoint = retainedCheckpoint(SumAndFailOnce.class);
        final Call renamed = new Call(SumAndFailOnce.class, "RunningSum", "");

        assertThat(failureOf(checkpoint, renamed, false)).contains("Cannot map checkpoint/savepoint state for operator",
                "because the operator is not available in the new program");
        final long[] first = firstRowAfter(checkpoint, renamed, true);
        assertThat(first[1]).as("running_sum of the first row after the restore").isEqualTo(first[0]);
    }

    /** A PTF's state class that gains a field does not restore: the heap backend finds the row serializers incompatible. */
    @Test
    void aPtfStateThatGainsAFieldDoesNotRestore() throws Exception {
        final String checkpoint = retainedCheckpoint(SumAndFailOnce.class);

        assertThat(failureOf(checkpoint, new Call(SumAndCount.class, "SumAndFailOnce", ""), false))
                .contains("StateMigrationException", "must not be incompatible with the old state serializer");
    }

    /** Starts {@code call} from {@code checkpoint}; its first committed row's v and running_sum, once stopped with a savepoint. */
    private long[] firstRowAfter(String checkpoint, Call call, boolean ignoreUnclaimedState) throws Exception {
        final Path output = dir.resolve("after-" + call.name() + "-" + ignoreUnclaimedState);
        final JobClient job = runningSumsInto(output, call, Map.of("execution.state-recovery.path", checkpoint,
                "execution.state-recovery.ignore-unclaimed-state", String.valueOf(ignoreUnclaimedState), "restart-strategy.type", "none"));
        try {
            awaitFileInProgress(job, output);
            job.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL).get();
        } finally {
            cancelIfRunning(job);
        }
        for (Path file : committedFiles(output)) {
            final List<String> lines = Files.readAllLines(file);
            if (!lines.isEmpty()) {
                final String[] columns = lines.get(0).split(",");
                return new long[] {Long.parseLong(columns[1]), Long.parseLong(columns[2])};
            }
        }
        throw new AssertionError("no row committed in " + output);
    }

    /** Starts {@code call} from {@code checkpoint}, which must fail; what Flink said. */
    private String failureOf(String checkpoint, Call call, boolean ignoreUnclaimedState) throws Exception {
        final JobClient job = runningSumsInto(dir.resolve("failed-" + call.name()), call, Map.of("execution.state-recovery.path", checkpoint,
                "execution.state-recovery.ignore-unclaimed-state", String.valueOf(ignoreUnclaimedState), "restart-strategy.type", "none"));
        try {
            final Throwable failure = catchThrowable(() -> job.getJobExecutionResult().get(1, java.util.concurrent.TimeUnit.MINUTES));
            assertThat(failure).as("the job started from the checkpoint failed").isNotNull();
            return ExceptionUtils.stringifyException(failure);
        } finally {
            cancelIfRunning(job);
        }
    }

    /** {@code TRY_CAST} of a decimal text to BIGINT truncates it: the demo's script checks the text with a pattern first. */
    @Test
    void tryCastOfADecimalTextToBigintTruncatesIt() throws Exception {
        final TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());

        assertThat(collect(tEnv.executeSql("SELECT TRY_CAST('4.5' AS BIGINT), TRY_CAST('x' AS BIGINT)")))
                .singleElement().satisfies(row -> assertThat(row.getField(0)).isEqualTo(4L))
                .satisfies(row -> assertThat(row.getField(1)).isNull());
    }

    /** Waits until REST names the restore of {@code jobId}; returns it. */
    private static JsonNode awaitRestore(String jobId) throws Exception {
        return await("job " + jobId + " restored nothing", () -> {
            try {
                final JsonNode restored = checkpointsOf(jobId).path("latest").path("restored");
                return restored.isObject() ? restored : null;
            } catch (IllegalStateException initializing) {
                return null; // REST answers 500 while the job's JobMaster starts: ask again
            }
        });
    }

    /** Asks {@code probe} every 50 ms until it answers (not null), for at most a minute. */
    private static <T> T await(String failure, java.util.concurrent.Callable<T> probe) throws Exception {
        final long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            final T answer = probe.call();
            if (answer != null) {
                return answer;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(failure + " within a minute");
    }

    /** sql/inspect_checkpoint.sql's table, on {@code path}: each key and its state, as the connector gives them. */
    /** A retained checkpoint and a canonical savepoint of one running-sum job (with {@code settings}), cancelled after. */
    private record Kept(String checkpoint, String savepoint) {}

    private Kept checkpointAndSavepoint(Map<String, String> settings) throws Exception {
        final Path output = dir.resolve("output");
        final JobClient job = runningSumsInto(output, SumAndFailOnce.class, settings);
        try {
            awaitFileInProgress(job, output);
            final String checkpoint = dir.resolve("checkpoints").resolve(job.getJobID().toString())
                    .resolve("chk-" + checkpointNow(job)).toUri().toString();
            return new Kept(checkpoint, job.triggerSavepoint(dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL).get());
        } finally {
            job.cancel().get(); // RETAIN_ON_CANCELLATION keeps the checkpoint
        }
    }

    private static List<Row> keyAndState(String path) throws Exception {
        return keyAndState(path, "hashmap");
    }

    private static List<Row> keyAndState(String path, String backend) throws Exception {
        final TableEnvironment reader = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        reader.executeSql("CREATE TABLE keys_in_checkpoint (k STRING, state STRING, PRIMARY KEY (k) NOT ENFORCED) WITH ("
                + " 'connector' = 'savepoint', 'state.backend.type' = '" + backend + "', 'state.path' = '" + path + "',"
                + " 'operator.uid' = 'SumAndFailOnce',"
                + " 'fields.k.value-type-factory' = 'com.example.checkpointdemo.functions.savepoint.KeyTypeFactory')");
        return collect(reader.executeSql("SELECT k, state FROM keys_in_checkpoint"));
    }

    /** SumAndFailOnce over random numbers, endless, into a file sink; checkpoints only when asked for. */
    private JobClient runningSumsInto(Path output) {
        return runningSumsInto(output, SumAndFailOnce.class, Map.of());
    }

    /**
     * {@code function} (called SumAndFailOnce, its uid) over random numbers, endless, into a file
     * sink, with {@code settings}; checkpoints (retained on cancellation) only when asked for.
     */
    private JobClient runningSumsInto(Path output, Class<? extends UserDefinedFunction> function, Map<String, String> settings) {
        return runningSumsInto(output, new Call(function, "SumAndFailOnce", ""), settings);
    }

    /** How a job calls its PTF: the class, the name it is registered and called by, more arguments. */
    private record Call(Class<? extends UserDefinedFunction> function, String name, String arguments) {}

    private JobClient runningSumsInto(Path output, Call call, Map<String, String> settings) {
        final StreamTableEnvironment tEnv = streaming();
        // No periodic checkpoint: the first would come after a random delay from min-pause (0) on.
        tEnv.getConfig().set("execution.checkpointing.interval", "1h");
        tEnv.getConfig().set("execution.checkpointing.min-pause", "1h");
        tEnv.getConfig().set("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        tEnv.getConfig().set("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        settings.forEach(tEnv.getConfig()::set);
        tEnv.createTemporarySystemFunction(call.name(), call.function());
        tEnv.executeSql("CREATE TEMPORARY TABLE numbers (v BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '50',"
                + " 'fields.v.min' = '1', 'fields.v.max' = '9')");
        tEnv.executeSql("CREATE TEMPORARY TABLE sums (k STRING, v BIGINT, running_sum BIGINT) WITH ('connector' = 'filesystem',"
                + " 'path' = '" + output + "', 'format' = 'csv')");
        tEnv.executeSql("CREATE TEMPORARY VIEW keyed AS SELECT 'all' AS k, v FROM numbers");
        final String columns = call.function() == NoTtlSum.class || call.function() == TtlZeroSum.class ? "k, v, s" : "k, v, running_sum";
        return tEnv.executeSql("INSERT INTO sums SELECT " + columns + " FROM " + call.name()
                        + "(input => TABLE keyed PARTITION BY k" + call.arguments() + ")")
                .getJobClient().orElseThrow();
    }

    /** A retained checkpoint of {@code function}'s job: the job is cancelled after it. */
    private String retainedCheckpoint(Class<? extends UserDefinedFunction> function) throws Exception {
        final Path output = dir.resolve("output-" + function.getSimpleName());
        final JobClient job = runningSumsInto(output, function, Map.of());
        try {
            awaitFileInProgress(job, output);
            return dir.resolve("checkpoints").resolve(job.getJobID().toString()).resolve("chk-" + checkpointNow(job)).toUri().toString();
        } finally {
            job.cancel().get(); // RETAIN_ON_CANCELLATION keeps the checkpoint
        }
    }

    /** Triggers a checkpoint through REST and waits for it; returns its id. */
    private static long checkpointNow(JobClient job) throws Exception {
        return new JobInspector(MiniClusters.address(MINI_CLUSTER)).checkpointNow(job.getJobID().toString(), java.time.Duration.ofMinutes(1)).id();
    }

    private static void cancelIfRunning(JobClient job) throws Exception {
        if (!job.getJobStatus().get().isGloballyTerminalState()) {
            job.cancel().get(); // its slots, for the next test
        }
    }

    private StreamTableEnvironment streaming() {
        return StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
    }

    /**
     * Runs SumAndFailOnce over 1..20 (10 a second) with {@code faults}, checkpoints in {@code
     * dir/checkpoints} (retained on cancellation), row 3 held until a checkpoint has completed:
     * every failure comes after one. Returns the job's id once it has finished.
     */
    private String runHeldAtThree(String faults) throws Exception {
        final StreamTableEnvironment tEnv = streaming();
        final String checkpoints = dir.resolve("checkpoints").toUri().toString();
        tEnv.getConfig().set("execution.checkpointing.interval", "100ms");
        tEnv.getConfig().set("execution.checkpointing.dir", checkpoints);
        tEnv.getConfig().set("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        tEnv.getConfig().set("restart-strategy.type", "fixed-delay");
        tEnv.getConfig().set("restart-strategy.fixed-delay.attempts", "3");
        tEnv.getConfig().set("restart-strategy.fixed-delay.delay", "0s");
        tEnv.createTemporarySystemFunction("SumAndFailOnce", SumAndFailOnce.class);
        tEnv.createTemporarySystemFunction("HOLD_UNTIL_CHECKPOINT", HoldUntilCheckpoint.class);
        // A source that is still reading while row 3 is held: a checkpoint needs a running source.
        tEnv.executeSql("CREATE TEMPORARY TABLE sequence (v BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '10',"
                + " 'fields.v.kind' = 'sequence', 'fields.v.start' = '1', 'fields.v.end' = '20')");
        tEnv.executeSql("CREATE TEMPORARY VIEW numbers AS SELECT 'all' AS k, HOLD_UNTIL_CHECKPOINT(v, 3, '" + checkpoints + "') AS v"
                + " FROM sequence");
        tEnv.executeSql("CREATE TEMPORARY TABLE sink (k STRING, v BIGINT, running_sum BIGINT) WITH ('connector' = 'blackhole')");
        final TableResult result = tEnv.executeSql(
                "INSERT INTO sink SELECT k, v, running_sum FROM SumAndFailOnce(input => TABLE numbers PARTITION BY k, " + faults + ")");
        result.await();
        return result.getJobClient().orElseThrow().getJobID().toString();
    }

    private static JsonNode checkpointsOf(String jobId) {
        return new RestApi(MiniClusters.address(MINI_CLUSTER)).get("/jobs/" + jobId + "/checkpoints");
    }

    /**
     * Waits until the file sink has written rows (a hidden part file in progress) and every task of
     * {@code job} runs: one subtask may write while another is still starting, and a checkpoint or
     * savepoint then aborts ("Not all required tasks are currently running").
     */
    private static void awaitFileInProgress(JobClient job, Path output) throws Exception {
        await("no row was written to " + output, () -> {
            if (!Files.isDirectory(output)) {
                return null;
            }
            try (Stream<Path> files = Files.walk(output)) {
                return files.anyMatch(file -> file.getFileName().toString().startsWith(".part-")) ? Boolean.TRUE : null;
            }
        });
        final RestApi rest = new RestApi(MiniClusters.address(MINI_CLUSTER));
        await("not every task of job " + job.getJobID() + " is running", () -> {
            for (JsonNode vertex : rest.get("/jobs/" + job.getJobID()).path("vertices")) {
                if (vertex.path("tasks").path("RUNNING").asInt() != vertex.path("parallelism").asInt()) {
                    return null;
                }
            }
            return Boolean.TRUE;
        });
    }

    /** The visible (committed) files under {@code output}: the file sink hides files in progress. */
    private static List<Path> committedFiles(Path output) throws IOException {
        if (!Files.isDirectory(output)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(output)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static List<Row> collect(TableResult result) throws Exception {
        final List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> iterator = result.collect()) {
            iterator.forEachRemaining(rows::add);
        }
        return rows;
    }
}
