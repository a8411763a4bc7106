package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.SumAndFailOnce;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.SqlParserEOFException;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.api.config.TableConfigOptions;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.catalog.ResolvedCatalogBaseTable;
import org.apache.flink.table.operations.BeginStatementSetOperation;
import org.apache.flink.table.operations.EndStatementSetOperation;
import org.apache.flink.table.operations.ModifyOperation;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.QueryOperation;
import org.apache.flink.table.operations.SinkModifyOperation;
import org.apache.flink.table.operations.StatementSetOperation;
import org.apache.flink.table.operations.command.SetOperation;
import org.apache.flink.table.operations.ddl.CreateTableOperation;
import org.apache.flink.table.operations.ddl.CreateViewOperation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a {@code .sql} script statement by statement through a {@link StreamTableEnvironment} on a
 * Flink cluster, as the SQL Client would, and waits for the job the script starts.
 *
 * <p>{@code SET} statements go into the table configuration (checkpointing and restart settings are
 * applied to the job from there); DDL runs as it comes; the one {@code INSERT} or statement set is
 * submitted and awaited here rather than through {@code table.dml-sync}, so that a failed job still
 * leaves us its id to inspect.
 */
public final class ScriptRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);

    private final Configuration clientConfig;
    private final Variant variant;
    private final @Nullable Integer failOnOverride;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private @Nullable Path init;
    private JobAction whileRunning = (client, config) -> {};

    /** Something to do to the job while it runs, such as cancelling it after a checkpoint. */
    @FunctionalInterface
    public interface JobAction {
        /** Acts on the job, which runs with {@code config} (the script's settings included). */
        void accept(JobClient client, ReadableConfig config) throws Exception;
    }

    /**
     * A runner that submits to the cluster {@code clientConfig} points at, keeping the running sum
     * the {@code variant} way and failing at {@code failOnOverride} instead of the script's
     * {@code fail_on => N}, unless that is null.
     */
    public ScriptRunner(Configuration clientConfig, Variant variant, @Nullable Integer failOnOverride) {
        this.clientConfig = clientConfig;
        this.variant = variant;
        this.failOnOverride = failOnOverride;
    }

    /** Sets {@code key} to {@code value} for the job; the script's own {@code SET key} is ignored. */
    public ScriptRunner set(String key, String value) {
        settings.put(key, value);
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

    /** Runs the script and returns once its job has ended, finished or failed. */
    public ScriptRun run(Path scriptPath) {
        final SqlScript script = SqlScript.read(scriptPath);
        final SqlScript initScript = init == null ? null : SqlScript.read(init);
        final Session session = new Session(script, createTableEnvironment(), new PtfCall(failOnOverride));
        if (initScript != null) {
            session.initializing = true;
            execute(initScript, session);
            session.initializing = false;
        }
        execute(script, session);
        return session.finish();
    }

    private static void execute(SqlScript script, Session session) {
        SqlScript.Chunk pending = null;
        for (SqlScript.Chunk chunk : script.chunks()) {
            final SqlScript.Chunk statement = pending == null ? chunk : SqlScript.join(pending, chunk);
            pending = session.execute(statement) ? null : statement;
        }
        if (pending != null) {
            throw new ScriptException(
                    pending.where() + ": the statement is incomplete (is a ';' or an END missing?)");
        }
    }

    private StreamTableEnvironment createTableEnvironment() {
        final Configuration config = new Configuration(clientConfig);
        settings.forEach(config::setString);
        // Not getExecutionEnvironment(): outside a Flink client it would start a local cluster.
        final StreamTableEnvironment tEnv =
                StreamTableEnvironment.create(
                        new StreamExecutionEnvironment(config),
                        EnvironmentSettings.newInstance().inStreamingMode().build());
        settings.forEach(tEnv.getConfig()::set);
        return tEnv;
    }

    /** The state of one script run: what it created and the job it submitted. */
    private final class Session {
        private final SqlScript script;
        private final StreamTableEnvironment tEnv;
        private final TableEnvironmentInternal internal;
        private final PtfCall call;
        private final Map<String, FileTable> fileTables = new LinkedHashMap<>();
        private List<ModifyOperation> statementSet; // non-null between BEGIN and END
        private boolean initializing; // running the -i script: it may not start a job
        private boolean replacedCall;
        private ScriptRun run;

        Session(SqlScript script, StreamTableEnvironment tEnv, PtfCall call) {
            this.script = script;
            this.call = call;
            this.tEnv = tEnv;
            this.internal = (TableEnvironmentInternal) tEnv;
        }

        /** Executes one statement; false when the parser says it continues in the next chunk. */
        boolean execute(SqlScript.Chunk chunk) {
            final List<Operation> operations;
            try {
                operations = internal.getParser().parse(call.apply(chunk.sql()));
            } catch (SqlParserEOFException incomplete) {
                return false;
            } catch (RuntimeException e) {
                throw failure(chunk, e);
            }
            for (Operation operation : operations) {
                try {
                    apply(chunk, operation);
                } catch (ScriptException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw failure(chunk, e);
                }
            }
            return true;
        }

        private void apply(SqlScript.Chunk chunk, Operation operation) {
            if (operation instanceof SetOperation set) {
                final String key = set.getKey().orElse(null);
                if (key != null && settings.containsKey(key)) {
                    LOG.info("{} = {} instead of the script's {}", key, settings.get(key), set.getValue().orElse(""));
                } else if (key != null) {
                    tEnv.getConfig().set(key, set.getValue().orElseThrow());
                }
            } else if (operation instanceof BeginStatementSetOperation) {
                statementSet = new ArrayList<>();
            } else if (operation instanceof EndStatementSetOperation) {
                submit(chunk, statementSet);
                statementSet = null;
            } else if (operation instanceof ModifyOperation modify && statementSet != null) {
                statementSet.add(modify);
            } else if (operation instanceof ModifyOperation modify) {
                submit(chunk, List.of(modify));
            } else if (operation instanceof StatementSetOperation set) {
                submit(chunk, set.getOperations());
            } else if (operation instanceof QueryOperation) {
                throw new ScriptException(
                        chunk.where() + ": a SELECT has nowhere to go here; INSERT INTO a table instead");
            } else if (operation instanceof CreateViewOperation view
                    && call.inLastStatement()
                    && variant.replacement().isPresent()) {
                replaceCall(chunk, view, variant.replacement().get());
            } else {
                if (operation instanceof CreateTableOperation create) {
                    FileTable.of(create.getTableIdentifier().getObjectName(), create.getCatalogTable())
                            .ifPresent(table -> fileTables.put(table.name(), table));
                }
                internal.executeInternal(operation);
            }
        }

        private void submit(SqlScript.Chunk chunk, List<ModifyOperation> inserts) {
            // Each check below fails before the job starts, not after the user has waited for it.
            if (initializing) {
                throw new ScriptException(chunk.where() + ": an initialization script must not start a job");
            }
            if (failOnOverride != null && !call.failOnFound()) {
                throw new ScriptException(
                        chunk.where() + ": --fail-on was given but the script has no fail_on => argument");
            }
            if (run != null) {
                throw new ScriptException(
                        chunk.where() + ": a second job; the runner reports on one job per script");
            }
            final List<FileTable> sinks = fileSinks(inserts);
            final List<FileTable> sources = new ArrayList<>(fileTables.values());
            sources.removeIf(table -> sinks.stream().anyMatch(s -> s.name().equals(table.name())));
            // Flink would only find out in the job, then restart until the budget is spent.
            sources.forEach(source -> source.problem().ifPresent(problem -> {
                throw new ScriptException(chunk.where() + ": table " + source.name() + " reads " + problem);
            }));
            final Map<Path, Set<Path>> filesBefore = new LinkedHashMap<>();
            sinks.forEach(sink -> filesBefore.put(sink.path(), sink.listFiles()));

            if (variant.replacement().isPresent() && !replacedCall) {
                throw new ScriptException(
                        chunk.where() + ": the " + variant.id() + " variant stands in for a view defined by"
                                + " SumAndFailOnce(input => TABLE ... PARTITION BY ...), and the script has none");
            }
            // We wait for the job ourselves (below), whatever table.dml-sync says.
            tEnv.getConfig().set(TableConfigOptions.TABLE_DML_SYNC, false);
            final TableResult result = internal.executeInternal(new StatementSetOperation(inserts));
            final JobClient client =
                    result.getJobClient()
                            .orElseThrow(() -> new ScriptException(chunk.where() + ": no job was started"));
            LOG.info(
                    "Submitted job {} ({} variant) from {}; waiting for it to end",
                    client.getJobID(), variant.id(), chunk.where());
            final Throwable failure = await(client);
            run =
                    new ScriptRun(
                            script.path(), variant, client.getJobID(), failure, call.faultPlan(), sources, sinks, filesBefore);
        }

        /** Runs the action, then waits for the job; returns why it did not finish, or null. */
        private @Nullable Throwable await(JobClient client) {
            try {
                whileRunning.accept(client, tEnv.getConfig());
            } catch (Exception e) {
                cancel(client);
                // Not a ScriptException: the script was fine, watching its job went wrong.
                throw new IllegalStateException("job " + client.getJobID() + ": " + rootMessage(e), e);
            }
            try {
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

        /** Cancels the job and waits a while, so it does not hold its slots for the next run. */
        private void cancel(JobClient client) {
            try {
                client.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Could not cancel job {}: {}", client.getJobID(), rootMessage(e));
            }
        }

        private List<FileTable> fileSinks(List<ModifyOperation> inserts) {
            final List<FileTable> sinks = new ArrayList<>();
            for (ModifyOperation insert : inserts) {
                if (insert instanceof SinkModifyOperation sink) {
                    final ResolvedCatalogBaseTable<?> table = sink.getContextResolvedTable().getResolvedTable();
                    FileTable.of(sink.getContextResolvedTable().getIdentifier().getObjectName(), table)
                            .ifPresent(sinks::add);
                }
            }
            return sinks;
        }

        /**
         * Defines the view the script builds with the PTF call as the variant's pipeline instead,
         * so that every INSERT reading the view reads the variant.
         */
        private void replaceCall(SqlScript.Chunk chunk, CreateViewOperation view, Variant.Pipeline pipeline) {
            final Table replacement =
                    pipeline.build(tEnv, tEnv.from(call.inputTable()), call.partitionKey(), call.faultPlan());
            tEnv.createTemporaryView(view.getViewIdentifier().asSerializableString(), replacement);
            replacedCall = true;
            LOG.info("{}: view {} is the {} pipeline", chunk.where(), view.getViewIdentifier().getObjectName(), variant.id());
        }

        ScriptRun finish() {
            if (run == null) {
                throw new ScriptException(script.path() + ": the script starts no job (no INSERT)");
            }
            return run;
        }

        private ScriptException failure(SqlScript.Chunk chunk, RuntimeException e) {
            return new ScriptException(chunk.where() + ": " + describe(e, chunk.firstLine()), e);
        }
    }

    private static final Pattern LINE = Pattern.compile("\\bline (\\d+)");

    /**
     * The first line of the innermost message, its "line N" counted in the file rather than in
     * the statement that starts at {@code firstLine} (Flink counts from the statement).
     */
    static String describe(Throwable e, int firstLine) {
        final String message = rootMessage(e).lines().findFirst().orElse("").strip();
        final Matcher matcher = LINE.matcher(message);
        final StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            final int line = firstLine + Integer.parseInt(matcher.group(1)) - 1;
            matcher.appendReplacement(out, "line " + line);
        }
        matcher.appendTail(out);
        if (message.startsWith("No match found for function signature SumAndFailOnce(")) {
            out.append(" It is called as ").append(SumAndFailOnce.CALL).append('.');
        }
        return out.toString();
    }

    /** The innermost message of an exception chain: usually the one that says what is wrong. */
    public static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        final String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
