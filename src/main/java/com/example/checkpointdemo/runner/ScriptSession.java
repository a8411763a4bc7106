package com.example.checkpointdemo.runner;

import com.example.checkpointdemo.functions.PaceRows;
import com.example.checkpointdemo.functions.savepoint.StateLayout;

import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.table.api.SqlParserEOFException;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.api.config.TableConfigOptions;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedCatalogTable;
import org.apache.flink.table.operations.BeginStatementSetOperation;
import org.apache.flink.table.operations.CompileAndExecutePlanOperation;
import org.apache.flink.table.operations.EndStatementSetOperation;
import org.apache.flink.table.operations.ModifyOperation;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.QueryOperation;
import org.apache.flink.table.operations.SinkModifyOperation;
import org.apache.flink.table.operations.StatementSetOperation;
import org.apache.flink.table.operations.command.ExecutePlanOperation;
import org.apache.flink.table.operations.command.SetOperation;
import org.apache.flink.table.operations.ddl.CompilePlanOperation;
import org.apache.flink.table.operations.ddl.CreateTableOperation;
import org.apache.flink.table.operations.ddl.CreateViewOperation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One script run statement by statement, as the SQL Client runs it: each statement parsed by
 * Flink's own parser and dispatched by kind. {@code SET} goes into the table configuration, DDL
 * runs as it comes, the view the script builds with the PTF call becomes the variant's pipeline,
 * and the one {@code INSERT}, statement set or {@code EXECUTE PLAN} is checked and handed to
 * {@link JobSubmission}.
 */
final class ScriptSession {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptSession.class);

    private final StreamTableEnvironment tEnv;
    private final TableEnvironmentInternal internal;
    private final Variant variant;
    private final PtfCall call;
    private final RunnerChanges given;
    /** What the script (or its -i script) set a key to that the runner sets otherwise. */
    private final Map<String, String> scriptValues = new LinkedHashMap<>();
    private final List<ChangedSetting> changes = new ArrayList<>();
    private final @Nullable Integer failOnOverride;
    private final Path base;
    private final JobSubmission submission;
    private final Map<String, FileTable> fileTables = new LinkedHashMap<>();
    private final Map<String, KafkaTable> kafkaTables = new LinkedHashMap<>();
    private final Map<String, String> printIdentifiers = new HashMap<>();
    /** The tables each plan file the script compiled writes to, by its resolved path. */
    private final Map<String, List<String>> compiledPlans = new HashMap<>();
    private @Nullable List<ModifyOperation> statementSet; // between BEGIN and END
    private boolean initializing; // running the -i script: it may not start a job
    private boolean replacedCall;
    private @Nullable ScriptRun run;

    ScriptSession(
            StreamTableEnvironment tEnv,
            Variant variant,
            @Nullable Integer failOnOverride,
            RunnerChanges given,
            Path base,
            JobSubmission submission) {
        this.tEnv = tEnv;
        this.internal = (TableEnvironmentInternal) tEnv;
        this.variant = variant;
        this.failOnOverride = failOnOverride;
        this.call = new PtfCall(failOnOverride, given.noFailOn != null);
        this.given = given;
        this.base = base;
        this.submission = submission;
    }

    /** Runs every statement of {@code script}; an initialization script may not start a job. */
    void execute(SqlScript script, boolean initialization) {
        initializing = initialization;
        SqlScript.Chunk pending = null;
        for (SqlScript.Chunk chunk : script.chunks()) {
            final SqlScript.Chunk statement = pending == null ? chunk : SqlScript.join(pending, chunk);
            pending = execute(statement) ? null : statement;
        }
        if (pending != null) {
            throw new ScriptException(
                    pending.where() + ": the statement is incomplete (is a ';' or an END missing?)");
        }
    }

    /** The run of the job the script started. */
    ScriptRun finish(Path script) {
        if (run == null) {
            throw new ScriptException(script + ": the script starts no job (no INSERT)");
        }
        return run;
    }

    /** Executes one statement; false when the parser says it continues in the next chunk. */
    private boolean execute(SqlScript.Chunk chunk) {
        final List<Operation> operations;
        try {
            operations = internal.getParser().parse(call.apply(chunk.sql()));
        } catch (SqlParserEOFException incomplete) {
            return false;
        } catch (RuntimeException e) {
            throw ScriptErrors.at(chunk, e);
        }
        for (Operation operation : operations) {
            try {
                dispatch(chunk, operation);
            } catch (ScriptException e) {
                throw e;
            } catch (RuntimeException e) {
                throw ScriptErrors.at(chunk, e);
            }
        }
        return true;
    }

    private void dispatch(SqlScript.Chunk chunk, Operation operation) {
        if (operation instanceof SetOperation set) {
            set(chunk, set);
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
        } else if (operation instanceof CompilePlanOperation compile) {
            final String file = planFile(chunk, compile.getFilePath(), compile.getOperation());
            internal.executeInternal(new CompilePlanOperation(file, compile.isIfNotExists(), compile.getOperation()));
        } else if (operation instanceof ExecutePlanOperation execute) {
            executePlan(chunk, execute.getFilePath());
        } else if (operation instanceof CompileAndExecutePlanOperation both) {
            final String file = planFile(chunk, both.getFilePath(), both.getOperation());
            requireNoRewriteOfAPlan(chunk, file);
            submit(chunk, compiledPlans.get(file), () -> internal.executeInternal(new CompileAndExecutePlanOperation(file, both.getOperation())));
        } else if (operation instanceof QueryOperation) {
            throw new ScriptException(chunk.where() + ": a SELECT has nowhere to go here; INSERT INTO a table instead");
        } else if (operation instanceof CreateViewOperation view && call.inLastStatement() && variant.replacement().isPresent()) {
            replaceCall(chunk, view, variant.replacement().get());
        } else if (operation instanceof CreateTableOperation create) {
            createTable(chunk, create);
        } else {
            internal.executeInternal(operation);
        }
    }

    private void set(SqlScript.Chunk chunk, SetOperation set) {
        final String key = set.getKey().orElse(null);
        if (key != null && given.settings.containsKey(key)) {
            scriptValues.put(key, set.getValue().orElse(""));
            if (!given.settings.get(key).value().equals(set.getValue().orElse(""))) {
                LOG.info("{} = {} instead of {} ({})", key, given.settings.get(key).value(), set.getValue().orElse(""), chunk.where());
            }
        } else if (key != null) {
            tEnv.getConfig().set(key, set.getValue().orElseThrow());
        }
    }

    /**
     * Creates the table, its relative {@code path} resolved against the runner's base directory
     * (Flink would resolve it against the working directory), and remembers where its files are.
     */
    private void createTable(SqlScript.Chunk chunk, CreateTableOperation create) {
        final String name = create.getTableIdentifier().getObjectName();
        final ResolvedCatalogTable table = create.getCatalogTable();
        final Map<String, String> options = new HashMap<>(table.getOptions());
        final Map<String, RunnerChanges.Given> toldFor = given.tableOptions.getOrDefault(name, Map.of());
        toldFor.forEach((key, option) -> changeOption(options, name, key, option));
        if (KafkaTable.isKafka(options) && given.kafkaBootstrapServers != null && !toldFor.containsKey(KafkaTable.BOOTSTRAP)) {
            changeOption(options, name, KafkaTable.BOOTSTRAP, given.kafkaBootstrapServers);
        }
        if (KafkaTable.isKafka(options) && given.kafkaSuffix != null) {
            for (String option : KafkaTable.RUN_OWN) {
                // An option the runner was told to set for this table (a frozen input's topic) is set as told.
                if (options.get(option) != null && !toldFor.containsKey(option)) {
                    changeOption(options, name, option, new RunnerChanges.Given(options.get(option) + "-" + given.kafkaSuffix.value(),
                            given.kafkaSuffix.why()));
                }
            }
        }
        if (FileTable.isFileSystem(table) && options.get("path") != null) {
            if (given.fileTablesRoot != null) {
                final FileTable.Moved moved = FileTable.moveUnder(given.fileTablesRoot.value(), options.get("path"), base);
                changeOption(options, name, "path", new RunnerChanges.Given(moved.path(),
                        given.fileTablesRoot.why() + (moved.uploaded() ? ", the file uploaded there" : "")));
            }
            final FileTable file = FileTable.of(name, options.get("path"), table, base, chunk.where());
            fileTables.put(name, file);
            final String written = options.put("path", file.location());
            if (!file.location().equals(written) && !FileTable.resolve(written, Path.of("")).equals(file.path())) {
                changes.add(new ChangedSetting("path of table " + name, file.location(), written,
                        "resolved against " + base.toAbsolutePath() + ", the run's folder, not the working directory"));
            }
        }
        final ResolvedCatalogTable changed = options.equals(table.getOptions()) ? table : table.copy(options);
        KafkaTable.of(name, changed, chunk.where()).ifPresent(kafka -> kafkaTables.put(name, kafka));
        if ("print".equals(options.get("connector"))) {
            printIdentifiers.put(name, options.getOrDefault("print-identifier", ""));
        }
        final RunnerChanges.Given pace = given.pacedTables.get(name);
        if (pace == null) {
            internal.executeInternal(changed == table ? create
                    : new CreateTableOperation(create.getTableIdentifier(), changed, create.isIgnoreIfExists(), create.isTemporary()));
            return;
        }
        // The table under another name, and a view of its name over it: every query reads it paced.
        final ObjectIdentifier id = create.getTableIdentifier();
        final String unpaced = id.getObjectName() + "__unpaced";
        internal.executeInternal(new CreateTableOperation(ObjectIdentifier.of(id.getCatalogName(), id.getDatabaseName(), unpaced),
                changed, create.isIgnoreIfExists(), create.isTemporary()));
        tEnv.executeSql("CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS PACE_ROWS AS '" + PaceRows.class.getName() + "'");
        tEnv.executeSql("CREATE TEMPORARY VIEW `" + id.getObjectName() + "` AS SELECT * FROM `" + unpaced + "` WHERE PACE_ROWS("
                + Integer.parseInt(pace.value()) + ")");
        changes.add(new ChangedSetting("rows of table " + name, "one per " + pace.value() + " ms", "as fast as it reads them", pace.why()));
    }

    /** Sets a table's option as the runner was told to, and notes the change. */
    private void changeOption(Map<String, String> options, String table, String key, RunnerChanges.Given option) {
        final String written = options.put(key, option.value());
        if (!option.value().equals(written)) {
            changes.add(new ChangedSetting("'" + key + "' of table " + table, option.value(), written, option.why()));
        }
    }

    private void submit(SqlScript.Chunk chunk, List<ModifyOperation> inserts) {
        // The INSERTs parsed already, as one job: the public executeSql would parse and validate
        // them a second time (half of the planning again).
        submit(chunk, targetsOf(inserts), () -> internal.executeInternal(new StatementSetOperation(inserts)));
    }

    /** The tables {@code inserts} write to. */
    private static List<String> targetsOf(List<? extends Operation> inserts) {
        final List<String> targets = new ArrayList<>();
        for (Operation insert : inserts) {
            if (insert instanceof SinkModifyOperation sink) {
                targets.add(sink.getContextResolvedTable().getIdentifier().getObjectName());
            } else if (insert instanceof StatementSetOperation set) {
                targets.addAll(targetsOf(set.getOperations()));
            }
        }
        return targets;
    }

    /**
     * The plan file of a {@code COMPILE PLAN}, a relative one resolved against the runner's base
     * directory like a table's path; remembers the tables the compiled statement writes to. (With
     * {@code IF NOT EXISTS} and the file there, Flink keeps the file and compiles nothing: the
     * tables are the statement's, which names the same ones unless the script changed its sinks.)
     */
    private String planFile(SqlScript.Chunk chunk, String written, Operation statement) {
        final String file = FileTable.resolve(written, base).getPath();
        if (!file.equals(FileTable.resolve(written, Path.of("")).getPath())) {
            changes.add(new ChangedSetting("plan file", file, written,
                    "resolved against " + base.toAbsolutePath() + ", the run's folder, not the working directory"));
        }
        compiledPlans.put(file, targetsOf(List.of(statement)));
        LOG.info("{}: plan file {}", chunk.where(), file);
        return file;
    }

    private void executePlan(SqlScript.Chunk chunk, String written) {
        final String file = FileTable.resolve(written, base).getPath();
        final List<String> targets = compiledPlans.get(file);
        if (targets == null) {
            throw new ScriptException(chunk.where() + ": EXECUTE PLAN '" + written + "': the runner learns which tables a"
                    + " plan writes from the COMPILE PLAN statement before it, and this script has none for " + file);
        }
        requireNoRewriteOfAPlan(chunk, file);
        submit(chunk, targets, () -> internal.executeInternal(new ExecutePlanOperation(file)));
    }

    /**
     * A plan already in its file runs as it was compiled: {@code --variant} and {@code --fail-on}
     * rewrite the script, which would not reach the job. Said before the job starts, not after.
     */
    private void requireNoRewriteOfAPlan(SqlScript.Chunk chunk, String file) {
        if (!new java.io.File(file).exists()) {
            return;
        }
        LOG.info("{}: the plan in {} runs as it was compiled; the statement after it is not compiled", chunk.where(), file);
        if (variant.replacement().isPresent() || failOnOverride != null) {
            throw new ScriptException(chunk.where() + ": " + file + " holds a compiled plan, which runs as it was compiled:"
                    + " --variant and --fail-on cannot change it (delete the file to compile the script again)");
        }
    }

    /** Checks the job about to write to {@code targets}, starts it with {@code job} and waits for it. */
    private void submit(SqlScript.Chunk chunk, List<String> targets, Supplier<TableResult> job) {
        // Each check below fails before the job starts, not after the user has waited for it.
        if (initializing) {
            throw new ScriptException(chunk.where() + ": an initialization script must not start a job");
        }
        if (failOnOverride != null && !call.failOnFound()) {
            throw new ScriptException(chunk.where() + ": --fail-on was given but the script has no fail_on => argument");
        }
        if (run != null) {
            throw new ScriptException(chunk.where() + ": a second job; the runner reports on one job per script");
        }
        if (variant.replacement().isPresent() && !replacedCall) {
            throw new ScriptException(
                    chunk.where() + ": the " + variant.id() + " variant stands in for a view defined by"
                            + " SumAndFailOnce(input => TABLE ... PARTITION BY ...), and the script has none");
        }
        final List<FileTable> sinks = targets.stream().filter(fileTables::containsKey).map(fileTables::get).distinct().toList();
        final List<FileTable> sources = new ArrayList<>(fileTables.values());
        sources.removeAll(sinks);
        // Flink would only find out in the job, then restart until the budget is spent. The
        // message names the CREATE TABLE that holds the path, where the mistake is.
        for (FileTable source : sources) {
            source.problem().ifPresent(problem -> {
                throw new ScriptException(source.declaredAt() + ": table " + source.name() + " reads " + problem);
            });
        }
        final List<KafkaTable> kafkaSinks = targets.stream().filter(kafkaTables::containsKey).map(kafkaTables::get).distinct().toList();
        // A table over a sink's topic is a reader of the job's output (declared for what comes downstream), not its input.
        final List<KafkaTable> kafkaSources = kafkaTables.values().stream().filter(t -> !kafkaSinks.contains(t))
                .filter(t -> kafkaSinks.stream().noneMatch(sink -> sink.topic().equals(t.topic()))).toList();
        kafkaSources.forEach(KafkaOutputs::requireInput);
        final Map<String, Set<org.apache.flink.core.fs.Path>> filesBefore = new LinkedHashMap<>();
        // Hidden ones too: a part file another job left in progress is not this job's row.
        sinks.forEach(sink -> filesBefore.put(sink.name(), sink.listHiddenFiles()));
        final List<String> printed = targets.stream().filter(printIdentifiers::containsKey).map(printIdentifiers::get).toList();

        // We wait for the job ourselves (JobSubmission), whatever table.dml-sync says: a failed
        // job must still leave its id to inspect.
        if (tEnv.getConfig().get(TableConfigOptions.TABLE_DML_SYNC)) {
            tEnv.getConfig().set(TableConfigOptions.TABLE_DML_SYNC, false);
            changes.add(new ChangedSetting(TableConfigOptions.TABLE_DML_SYNC.key(), "false", "true",
                    "the runner waits for the job itself, so a failed job leaves its id"));
        }
        if (given.noFailOn != null && call.failOnFound()) {
            changes.add(new ChangedSetting("fail_on", "NULL", call.scriptFailOn(), given.noFailOn));
        } else if (failOnOverride != null) {
            changes.add(new ChangedSetting("fail_on", String.valueOf(failOnOverride), call.scriptFailOn(), "--fail-on"));
        }
        given.settings.forEach((key, option) -> {
            if (!option.value().equals(scriptValues.get(key))) {
                changes.add(new ChangedSetting(key, option.value(), scriptValues.get(key), option.why()));
            }
        });
        final KafkaOutputs kafkaBefore = KafkaOutputs.before(kafkaSinks, chunk.where());
        final SinkLocks locks = SinkLocks.acquire(sinks, chunk.where());
        try {
            final JobSubmission.Outcome outcome = submission.run(job,
                    chunk.where(), sinks, filesBefore, kafkaBefore, stateLayout());
            run = new ScriptRun(chunk.file(), variant, outcome.jobId(), outcome.failure(), call.faultPlan(),
                    sources, sinks, filesBefore, printed, timeZone(), stateLayout(), RunningJob.stateBackendOf(tEnv.getConfig()), List.copyOf(changes),
                    tEnv.getConfig().getOptional(StateRecoveryOptions.SAVEPOINT_PATH).orElse(null),
                    kafkaSources, kafkaBefore, locks);
        } catch (RuntimeException e) {
            locks.close();
            throw e;
        }
    }

    /**
     * Where the job keeps its running sum, for the report to read it from the checkpoint: the
     * variant's operator, or the called PTF's state (uid: the name it is called by). Null when
     * the script calls a PTF the runner cannot load, or one without a running sum in its state.
     */
    private @Nullable StateLayout stateLayout() {
        if (variant != Variant.PTF) {
            return variant.stateLayout();
        }
        if (call.function() == null || call.functionClass() == null) {
            return null;
        }
        try {
            return StateLayout.ofProcessTableFunction(call.operatorUid(),
                    Class.forName(call.functionClass(), false, Thread.currentThread().getContextClassLoader())).orElse(null);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private ZoneId timeZone() {
        return tEnv.getConfig().getLocalTimeZone();
    }

    /**
     * Defines the view the script builds with the PTF call as the variant's pipeline instead, so
     * that every INSERT reading the view reads the variant.
     */
    private void replaceCall(SqlScript.Chunk chunk, CreateViewOperation view, Variant.Pipeline pipeline) {
        final Table replacement = pipeline.build(tEnv, tEnv.from(call.inputTable()), call.partitionKey(), call.faultPlan());
        tEnv.createTemporaryView(view.getViewIdentifier().asSerializableString(), replacement);
        replacedCall = true;
        changes.add(new ChangedSetting("view " + view.getViewIdentifier().getObjectName(), "the " + variant.id() + " pipeline",
                call.function() + "(input => TABLE " + call.inputTable() + " PARTITION BY " + call.partitionKey() + ", ...)",
                "--variant " + variant.id()));
        LOG.info("{}: view {} is the {} pipeline", chunk.where(), view.getViewIdentifier().getObjectName(), variant.id());
    }
}
