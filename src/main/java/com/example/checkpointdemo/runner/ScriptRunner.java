package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.plumbing.ClusterAddress;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@code .sql} script through a {@link StreamTableEnvironment} on a Flink cluster, as the
 * SQL Client would, and waits for the job the script starts: {@link SqlScript} cuts it into
 * statements, {@link ScriptSession} dispatches them, {@link JobSubmission} runs the job, and
 * {@link ScriptErrors} words what goes wrong.
 */
public final class ScriptRunner {

    private final ClusterAddress cluster;
    private final Variant variant;
    private final @Nullable Integer failOnOverride;
    private final RunnerChanges changes = new RunnerChanges();
    private final List<JobObserver> observers = new ArrayList<>();
    private @Nullable Path init;
    private Path base = Path.of("");
    private JobAction whileRunning = job -> {};

    /** Something to do to the job while it runs, such as cancelling it after a checkpoint. */
    @FunctionalInterface
    public interface JobAction {
        /** Acts on the running job. */
        void accept(RunningJob job) throws Exception;
    }

    /**
     * A runner that submits to {@code cluster} (planning while it starts), keeping the running sum
     * the {@code variant} way and failing at {@code failOnOverride} instead of the script's
     * {@code fail_on => N}, unless that is null.
     */
    public ScriptRunner(ClusterAddress cluster, Variant variant, @Nullable Integer failOnOverride) {
        this.cluster = cluster;
        this.variant = variant;
        this.failOnOverride = failOnOverride;
    }

    /**
     * Sets {@code key} to {@code value} for the job, because {@code why}; the script's own {@code
     * SET key} is ignored. The report lists it ({@link ChangedSetting}).
     */
    public ScriptRunner set(String key, String value, String why) {
        changes.settings.put(key, new RunnerChanges.Given(value, why));
        return this;
    }

    /** Sets the option {@code key} of table {@code table} to {@code value} instead of its {@code WITH}, because {@code why}. */
    public ScriptRunner tableOption(String table, String key, String value, String why) {
        changes.tableOptions.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(key, new RunnerChanges.Given(value, why));
        return this;
    }

    /** Runs the call with {@code fail_on => NULL}, no planned failure, because {@code why} (the run fails it otherwise). */
    public ScriptRunner noFailOn(String why) {
        changes.noFailOn = why;
        return this;
    }

    /**
     * Lets the job be failed on request while it runs: once {@code request} exists, the function
     * fails on its next row ({@link com.example.checkpointdemo.functions.FailNow}).
     */
    public ScriptRunner failNowOn(Path request, String why) {
        return set("pipeline.global-job-parameters",
                com.example.checkpointdemo.functions.FailNow.PARAMETER + ":" + request.toAbsolutePath(), why);
    }

    /**
     * Makes every Kafka table's topic, consumer group and transactional-id prefix this run's own,
     * on a broker other runs share: each gains {@code -suffix}, because {@code why}.
     */
    public ScriptRunner kafkaSuffix(String suffix, String why) {
        changes.kafkaSuffix = new RunnerChanges.Given(suffix, why);
        return this;
    }

    /**
     * Reads table {@code table} one row per {@code millis}, because {@code why}: the script's table is
     * renamed, and a view of its name lets each row through after the pause ({@code PACE_ROWS}).
     */
    public ScriptRunner paceTable(String table, int millis, String why) {
        changes.pacedTables.put(table, new RunnerChanges.Given(String.valueOf(millis), why));
        return this;
    }

    /** Adds {@code jars} to the session before the script, as the SQL Client's {@code -j} does: their classes plan and run the job. */
    public ScriptRunner jars(List<Path> jars) {
        changes.jars.addAll(jars);
        return this;
    }

    /** Points every Kafka table at the broker at {@code servers} instead of the one its script names, because {@code why}. */
    public ScriptRunner kafkaBootstrapServers(String servers, String why) {
        changes.kafkaBootstrapServers = new RunnerChanges.Given(servers, why);
        return this;
    }

    /**
     * Moves every filesystem table under {@code root} (e.g. {@code s3://demo}), because {@code
     * why}: a table written {@code output/sums} becomes {@code root/output/sums}, and a local file
     * it names that exists (the input) is uploaded there first, through Flink's FileSystem.
     */
    public ScriptRunner fileTablesIn(String root, String why) {
        changes.fileTablesRoot = new RunnerChanges.Given(root, why);
        return this;
    }

    /** Sets every one of {@code settings}, as {@link #set}, all for the same reason. */
    public ScriptRunner setAll(Map<String, String> settings, String why) {
        settings.forEach((key, value) -> set(key, value, why));
        return this;
    }

    /**
     * Resolves the relative paths of the script's file tables against {@code directory} instead
     * of the working directory (as if the script ran there), e.g. to keep a test's files apart.
     */
    public ScriptRunner baseDirectory(Path directory) {
        this.base = directory;
        return this;
    }

    /**
     * Runs {@code init} before the script, as the SQL Client's {@code -i}: {@code SET}s and DDL
     * shared by several scripts; it must not start a job.
     */
    public ScriptRunner init(Path init) {
        this.init = init;
        return this;
    }

    /** Runs {@code action} once the job is submitted, before waiting for it to end. */
    public ScriptRunner whileRunning(JobAction action) {
        this.whileRunning = action;
        return this;
    }

    /** Tells {@code observer} when the job starts and ends. */
    public ScriptRunner observe(JobObserver observer) {
        observers.add(observer);
        return this;
    }

    /** Runs the script and returns once its job has ended, finished or failed. */
    public ScriptRun run(Path scriptPath) {
        final SqlScript script = SqlScript.read(scriptPath);
        final SqlScript initScript = init == null ? null : SqlScript.read(init);
        final StreamTableEnvironment tEnv = createTableEnvironment();
        final JobSubmission submission =
                new JobSubmission(tEnv.getConfig(), cluster, observers, whileRunning);
        for (Path jar : changes.jars) {
            tEnv.executeSql("ADD JAR '" + jar.toAbsolutePath() + "'");
        }
        final ScriptSession session = new ScriptSession(tEnv, variant, failOnOverride, changes, base, submission);
        if (initScript != null) {
            session.execute(initScript, true);
        }
        session.execute(script, false);
        return session.finish(scriptPath);
    }

    private StreamTableEnvironment createTableEnvironment() {
        final Configuration config = new Configuration();
        final Map<String, String> settings = changes.settingValues();
        settings.forEach(config::setString);
        // Not getExecutionEnvironment(): outside a Flink client it would start a local cluster. The
        // cluster's address (execution.target = remote) comes at submission: JobSubmission.
        final StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(
                        new StreamExecutionEnvironment(config),
                        EnvironmentSettings.newInstance().inStreamingMode().build());
        settings.forEach(tEnv.getConfig()::set);
        return tEnv;
    }
}
