package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.runner.KafkaTable;
import com.example.checkpointdemo.runner.ScriptErrors;
import com.example.checkpointdemo.runner.ScriptException;
import com.example.checkpointdemo.runner.SqlScript;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.SqlParserEOFException;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogManager;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.operations.BeginStatementSetOperation;
import org.apache.flink.table.operations.EndStatementSetOperation;
import org.apache.flink.table.operations.ModifyOperation;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.QueryOperation;
import org.apache.flink.table.operations.SinkModifyOperation;
import org.apache.flink.table.operations.StatementSetOperation;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code verify} learns of a script before running it, in a session of its own that runs no
 * job: its tables as Flink defines them ({@code SHOW CREATE TABLE}), which of them its INSERTs
 * write (the sinks whose output is compared) and read, its settings, what would make its output
 * differ from run to run (each with the line and why: processing time, the time of the run, random
 * values, and what Flink's own {@code EXPLAIN PLAN_ADVICE} calls non-deterministic), and the
 * sources that never end.
 */
public record ScriptAnalysis(
        Path script,
        Map<String, String> tableDefinitions,
        Map<String, Map<String, String>> tableOptions,
        List<String> sinks,
        List<String> sources,
        Map<String, String> settings,
        List<Finding> nondeterminism,
        List<String> unbounded,
        List<String> notes,
        Map<String, List<String>> columns) {

    /** Something in the script that makes its output depend on the run: where, and why. */
    public record Finding(String where, String what, String why) {

        /** {@code s.sql:4: NOW (the time of the run)}, in the reader's language. */
        public String describe() {
            return Text.format("%s: %s (%s)", where, what, why);
        }
    }

    /** A function, read in the script's text, that gives another value each run. */
    private record Nondeterministic(Pattern pattern, String why) {}

    private static final List<Nondeterministic> NONDETERMINISTIC = List.of(
            new Nondeterministic(Pattern.compile("(?i)\\bPROCTIME\\s*\\(\\s*\\)"),
                    Text.of("processing time: a window or join on it groups rows by when they arrive, which a restart changes")),
            new Nondeterministic(Pattern.compile("(?i)\\b(NOW|LOCALTIMESTAMP|CURRENT_TIMESTAMP|CURRENT_TIME|CURRENT_DATE|CURRENT_ROW_TIMESTAMP)\\b"),
                    Text.of("the time of the run: another value in every run, and after a restart")),
            new Nondeterministic(Pattern.compile("(?i)\\bUNIX_TIMESTAMP\\s*\\(\\s*\\)"), Text.of("the time of the run")),
            new Nondeterministic(Pattern.compile("(?i)\\bRAND(_INTEGER)?\\s*\\("), Text.of("a random value: another in every run")),
            new Nondeterministic(Pattern.compile("(?i)\\bUUID\\s*\\(\\s*\\)"), Text.of("a random value: another in every run")));

    /** Reads {@code script} with {@code jars} added (the user's functions), running no job. */
    public static ScriptAnalysis of(Path script, List<Path> jars) {
        final SqlScript sql = SqlScript.read(script);
        final StreamTableEnvironment tEnv = StreamTableEnvironment.create(
                new StreamExecutionEnvironment(new Configuration()), EnvironmentSettings.newInstance().inStreamingMode().build());
        final TableEnvironmentInternal internal = (TableEnvironmentInternal) tEnv;
        for (Path jar : jars) {
            try {
                tEnv.executeSql("ADD JAR '" + jar.toAbsolutePath() + "'");
            } catch (RuntimeException e) {
                throw new ScriptException("-j " + jar + ": " + ScriptErrors.rootMessage(e).lines().findFirst().orElse(""), e);
            }
        }
        final Map<String, String> settings = new LinkedHashMap<>();
        final Set<String> sinks = new LinkedHashSet<>();
        final List<String> inserts = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();
        SqlScript.Chunk pending = null;
        List<String> statementSet = null;
        for (SqlScript.Chunk chunk : sql.chunks()) {
            final SqlScript.Chunk statement = pending == null ? chunk : SqlScript.join(pending, chunk);
            final List<Operation> operations;
            try {
                operations = internal.getParser().parse(statement.sql());
            } catch (SqlParserEOFException incomplete) {
                pending = statement;
                continue;
            } catch (RuntimeException e) {
                throw new ScriptException(statement.where() + ": " + ScriptErrors.rootMessage(e).lines().findFirst().orElse(""), e);
            }
            pending = null;
            findings.addAll(nondeterministic(statement));
            for (Operation operation : operations) {
                try {
                    if (operation instanceof BeginStatementSetOperation) {
                        statementSet = new ArrayList<>();
                    } else if (operation instanceof EndStatementSetOperation) {
                        if (statementSet != null && !statementSet.isEmpty()) {
                            inserts.add("EXECUTE STATEMENT SET BEGIN " + String.join(";\n", statementSet) + "; END");
                        }
                        statementSet = null;
                    } else if (operation instanceof ModifyOperation modify) {
                        sinks.addAll(targets(modify));
                        final String insert = statement.sql().strip().replaceFirst(";\\s*$", "");
                        if (statementSet != null) {
                            statementSet.add(insert);
                        } else {
                            inserts.add(insert);
                        }
                    } else if (operation instanceof StatementSetOperation set) {
                        set.getOperations().forEach(inner -> sinks.addAll(targets(inner)));
                        inserts.add(statement.sql().strip().replaceFirst(";\\s*$", ""));
                    } else if (operation instanceof QueryOperation) {
                        throw new ScriptException(Text.format("%s: a SELECT has nowhere to go; INSERT INTO a table instead", statement.where()));
                    } else if (operation instanceof org.apache.flink.table.operations.command.SetOperation set && set.getKey().isPresent()) {
                        settings.put(set.getKey().get(), set.getValue().orElse(""));
                        tEnv.getConfig().set(set.getKey().get(), set.getValue().orElse(""));
                    } else {
                        internal.executeInternal(operation);
                    }
                } catch (ScriptException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new ScriptException(statement.where() + ": " + ScriptErrors.rootMessage(e).lines().findFirst().orElse(""), e);
                }
            }
        }
        if (pending != null) {
            throw new ScriptException(Text.format("%s: the statement is incomplete (is a ';' or an END missing?)", pending.where()));
        }
        if (inserts.isEmpty()) {
            throw new ScriptException(Text.format("%s: the script starts no job (no INSERT): there is no output to verify", script));
        }
        final List<String> notes = new ArrayList<>();
        inserts.forEach(insert -> findings.addAll(planAdvice(tEnv, script, insert, notes)));

        final Map<String, String> definitions = new LinkedHashMap<>();
        final Map<String, Map<String, String>> options = new LinkedHashMap<>();
        final Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String table : tEnv.listTables()) {
            final CatalogBaseTable base = tableOf(internal, table);
            if (base == null || base.getTableKind() != CatalogBaseTable.TableKind.TABLE) {
                continue; // a view: its rows are its tables'
            }
            definitions.put(table, showCreate(tEnv, table));
            options.put(table, Map.copyOf(base.getOptions()));
            columns.put(table, base.getUnresolvedSchema().getColumns().stream().map(column -> column.getName()).toList());
        }
        // A Kafka table over a sink's topic that no INSERT writes is the script's reader of that sink, not an input.
        final Set<String> sinkTopics = sinks.stream().filter(sink -> KafkaTable.isKafka(options.getOrDefault(sink, Map.of())))
                .map(sink -> options.get(sink).get("topic")).collect(java.util.stream.Collectors.toSet());
        final List<String> sources = definitions.keySet().stream().filter(table -> !sinks.contains(table))
                .filter(table -> !(KafkaTable.isKafka(options.get(table)) && sinkTopics.contains(options.get(table).get("topic")))).toList();
        final List<String> unbounded = sources.stream().map(table -> unboundedBecause(table, options.get(table)))
                .filter(java.util.Objects::nonNull).toList();
        return new ScriptAnalysis(script, definitions, options, List.copyOf(sinks), sources, settings, List.copyOf(findings), unbounded,
                List.copyOf(notes), columns);
    }

    /** The tables an INSERT writes. */
    private static List<String> targets(Operation operation) {
        if (operation instanceof SinkModifyOperation sink) {
            return List.of(sink.getContextResolvedTable().getIdentifier().getObjectName());
        }
        return List.of();
    }

    /** The functions in {@code statement} that give another value each run, by line. */
    private static List<Finding> nondeterministic(SqlScript.Chunk statement) {
        final List<Finding> found = new ArrayList<>();
        final String[] lines = statement.sql().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            final String code = lines[i].replaceFirst("--.*$", "").replaceAll("'[^']*'", "''");
            for (Nondeterministic function : NONDETERMINISTIC) {
                final Matcher matcher = function.pattern().matcher(code);
                while (matcher.find()) {
                    found.add(new Finding(statement.file() + ":" + (statement.firstLine() + i), matcher.group().strip(), function.why()));
                }
            }
        }
        return found;
    }

    /**
     * What Flink's {@code EXPLAIN PLAN_ADVICE} says is non-deterministic in {@code insert}. Where
     * the advice cannot look at a plan (Flink 2.3.0's does not know a process table function's
     * node), the plan is checked with a plain {@code EXPLAIN}, and {@code notes} says the advice
     * was not had.
     */
    private static List<Finding> planAdvice(StreamTableEnvironment tEnv, Path script, String insert, List<String> notes) {
        String plan;
        try {
            plan = single(tEnv.executeSql("EXPLAIN PLAN_ADVICE " + insert));
        } catch (RuntimeException e) {
            final String why = ScriptErrors.rootMessage(e).lines().findFirst().orElse("");
            if (!why.startsWith("Unsupported to visit node")) {
                throw new ScriptException(Text.format("%s: Flink cannot plan the job: %s", script, why), e);
            }
            try {
                plan = single(tEnv.executeSql("EXPLAIN " + insert));
            } catch (RuntimeException planning) {
                throw new ScriptException(Text.format("%s: Flink cannot plan the job: %s", script,
                        ScriptErrors.rootMessage(planning).lines().findFirst().orElse("")), planning);
            }
            notes.add(Text.format("EXPLAIN PLAN_ADVICE cannot look at this plan (%s): only the script's text was checked for"
                    + " what depends on the run, and two fault-free runs must agree", why));
            return List.of();
        }
        final List<Finding> found = new ArrayList<>();
        for (String line : plan.lines().toList()) {
            if (line.toLowerCase(Locale.ROOT).contains("non-deterministic") || line.toLowerCase(Locale.ROOT).contains("nondeterministic")) {
                found.add(new Finding(script.toString(), "EXPLAIN PLAN_ADVICE", line.strip()));
            }
        }
        return found;
    }

    /** Why a source never ends, or null when it does (or may). */
    private static @Nullable String unboundedBecause(String table, Map<String, String> options) {
        final String connector = options.getOrDefault("connector", "");
        if (connector.equals("filesystem") && options.containsKey("source.monitor-interval")) {
            return Text.format("%s: a filesystem source with 'source.monitor-interval' watches for new files and never ends", table);
        }
        if (connector.equals("datagen") && !options.containsKey("number-of-rows")
                && options.keySet().stream().noneMatch(key -> key.endsWith(".end"))) {
            return Text.format("%s: a datagen source without 'number-of-rows' never ends", table);
        }
        // A Kafka source is bounded by the verifier at the offsets it freezes; one that starts at the
        // topic's end would read nothing of them.
        if (KafkaTable.isKafka(options) && "latest-offset".equals(options.get("scan.startup.mode"))) {
            return Text.format("%s: a Kafka source with 'scan.startup.mode' = 'latest-offset' reads only what arrives after the run"
                    + " starts, so no two runs read the same input (use 'earliest-offset' or 'specific-offsets')", table);
        }
        return null;
    }

    /** The table (temporary ones too, which no catalog holds) named {@code table} in the current catalog and database. */
    private static @Nullable CatalogBaseTable tableOf(TableEnvironmentInternal tEnv, String table) {
        final CatalogManager catalogs = tEnv.getCatalogManager();
        return catalogs.getTable(ObjectIdentifier.of(catalogs.getCurrentCatalog(), catalogs.getCurrentDatabase(), table))
                .map(found -> (CatalogBaseTable) found.getResolvedTable()).orElse(null);
    }

    /** How many parallel subtasks the script asks for ({@code parallelism.default}); 1 when it does not say. */
    public int parallelism() {
        try {
            return Integer.parseInt(settings.getOrDefault("parallelism.default", "1").strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The columns of table {@code table}, as its definition names them. */
    public List<String> columnsOf(String table) {
        return columns.getOrDefault(table, List.of());
    }

    private static String showCreate(StreamTableEnvironment tEnv, String table) {
        return single(tEnv.executeSql("SHOW CREATE TABLE `" + table + "`"));
    }

    private static String single(TableResult result) {
        try (CloseableIterator<Row> rows = result.collect()) {
            return String.valueOf(rows.next().getField(0));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code table} is a filesystem table: one whose path {@code verify} can move, and read back. */
    public boolean isFileTable(String table) {
        return "filesystem".equals(tableOptions.getOrDefault(table, Map.of()).get("connector"));
    }

    /** Whether table {@code table} is a Kafka topic ({@code kafka} or {@code upsert-kafka}). */
    public boolean isKafkaTable(String table) {
        return KafkaTable.isKafka(tableOptions.getOrDefault(table, Map.of()));
    }

    /** Whether table {@code table} is an {@code upsert-kafka} topic: a changelog, read back as its final table by key. */
    public boolean isUpsertKafka(String table) {
        return "upsert-kafka".equals(tableOptions.getOrDefault(table, Map.of()).get("connector"));
    }

    /** Whether the script's checkpoints go to an object store ({@code execution.checkpointing.dir} = {@code s3://…}). */
    public boolean checkpointsOnS3() {
        return settings.getOrDefault("execution.checkpointing.dir", "").startsWith("s3://");
    }

    /** Why each Kafka source cannot be frozen: it reads a topic pattern, or several topics (one topic is frozen). */
    public List<String> unfreezable() {
        return sources.stream().filter(this::isKafkaTable).filter(table -> {
            final String topic = tableOptions.get(table).get("topic");
            return topic == null || topic.contains(";");
        }).map(table -> Text.format("%s: it reads %s; verify freezes a source that reads one topic", table,
                tableOptions.get(table).get("topic") == null ? Text.of("a topic pattern") : Text.of("several topics"))).toList();
    }

    /** Whether {@code verify} reads sink {@code table} back and compares it: a file sink or a Kafka topic. */
    public boolean isCompared(String table) {
        return isFileTable(table) || isKafkaTable(table);
    }

    /**
     * The script's reader of Kafka sink {@code sink}: a {@code kafka} table over the same topic that
     * no INSERT writes (a downstream consumer, as the script declares it); empty when there is none.
     */
    public java.util.Optional<String> readerOf(String sink) {
        final String topic = tableOptions.getOrDefault(sink, Map.of()).get("topic");
        return tableOptions.keySet().stream().filter(table -> !sinks.contains(table) && !sources.contains(table))
                .filter(table -> "kafka".equals(tableOptions.get(table).get("connector")) && topic != null
                        && topic.equals(tableOptions.get(table).get("topic"))).findFirst();
    }
}
