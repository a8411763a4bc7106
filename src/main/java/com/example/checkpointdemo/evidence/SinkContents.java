package com.example.checkpointdemo.evidence;

import com.example.checkpointdemo.plumbing.ClusterAddress;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a table a job wrote holds, read back through Flink itself: its own definition (the {@code
 * CREATE TABLE} Flink gives for it) with some options changed (where this run wrote it), read as a
 * bounded batch query on the cluster. So whatever connector and format the job wrote with, the
 * same reads it back; a filesystem table's reader leaves out the hidden in-progress and pending
 * part files, so only what the sink committed is read.
 */
public final class SinkContents {

    private SinkContents() {}

    /**
     * The rows of the table that {@code ddl} creates as {@code table}, with {@code options} set on
     * it, read on {@code cluster}; {@code jars} (the user's functions and formats) are added first.
     */
    public static TableRows read(ClusterAddress cluster, String ddl, String table, Map<String, String> options, List<Path> jars)
            throws Exception {
        final TableEnvironment tEnv = TableEnvironment.create(
                EnvironmentSettings.newInstance().inBatchMode().withConfiguration(cluster.clientConfiguration()).build());
        tEnv.getConfig().set("pipeline.name", "read-back " + table);
        for (Path jar : jars) {
            tEnv.executeSql("ADD JAR '" + jar.toAbsolutePath() + "'");
        }
        tEnv.executeSql(ddl);
        if (!options.isEmpty()) {
            tEnv.executeSql("ALTER TABLE `" + table + "` SET (" + options.entrySet().stream()
                    .map(option -> quoted(option.getKey()) + " = " + quoted(option.getValue()))
                    .collect(Collectors.joining(", ")) + ")");
        }
        final TableResult result = tEnv.executeSql("SELECT * FROM `" + table + "`");
        final List<List<String>> rows = new ArrayList<>();
        try (CloseableIterator<Row> read = result.collect()) {
            read.forEachRemaining(row -> {
                final List<String> values = new ArrayList<>();
                for (int i = 0; i < row.getArity(); i++) {
                    values.add(text(row.getField(i)));
                }
                rows.add(values);
            });
        }
        return new TableRows(result.getResolvedSchema().getColumnNames(), rows);
    }

    private static String text(Object value) {
        if (value instanceof Object[] array) {
            return Arrays.deepToString(array);
        }
        return String.valueOf(value);
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
