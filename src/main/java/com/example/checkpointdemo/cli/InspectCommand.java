package com.example.checkpointdemo.cli;

import com.example.checkpointdemo.plumbing.ClusterAddress;
import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.CheckpointLocation;
import com.example.checkpointdemo.report.CheckpointReader;
import com.example.checkpointdemo.report.RestoredState;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.runner.ScriptErrors;
import com.example.checkpointdemo.runner.SqlScript;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bin/demo inspect PATH}: what a checkpoint or savepoint of the demo holds. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        versionProvider = Versions.class,
        optionListHeading = "%nOptions:%n",
        description = {
            "Reads a retained checkpoint or a savepoint of the demo and prints the running sum of each key.",
            "",
            "Runs sql/inspect_checkpoint.sql on it (the savepoint connector: its operators, and the keys"
                    + " of the PTF), then reads each key's running sum with Flink's State Processor API."
        })
final class InspectCommand implements Callable<Integer> {

    /** The script, and the path in it that stands for the checkpoint to read. */
    static final Path SCRIPT = Path.of("sql/inspect_checkpoint.sql");
    static final String PLACEHOLDER = "file:///tmp/flink-checkpoint-demo/checkpoints/JOB_ID/chk-1";

    @Parameters(
            paramLabel = "PATH",
            description = "The checkpoint's folder (.../chk-N) or its _metadata file, or a savepoint's folder: a plain"
                    + " path or a URI (file: or s3:), as the report prints it.")
    String path;

    @picocli.CommandLine.Option(names = "--verbose", description = "Show stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() {
        final CheckpointLocation location;
        try {
            location = CheckpointLocation.find(path, Workspace.checkpointCopiesBeside(DemoCommand.TIMELINE));
        } catch (IllegalArgumentException e) {
            return Cli.badArgument(e.getMessage());
        }
        location.note().ifPresent(System.out::println);
        final String uri = location.uri();
        return Cli.onEmbeddedCluster(verbose, false, cluster -> {
            Cli.logToFileOnly(); // the reading jobs' own warnings (batch jobs, long names) are noise here
            runScript(cluster, uri);
            final Map<String, Map<String, Long>> sums = new CheckpointReader(cluster).runningSums(uri);
            System.out.println();
            System.out.println(Text.format(sums.isEmpty() ? "%s holds: no running sum of the demo's functions" : "%s holds:", path));
            sums.forEach((function, byKey) -> System.out.println("  " + function + ": " + RestoredState.describe(byKey)));
            return Cli.OK;
        });
    }

    /** Runs each statement of the script on {@code uri}, printing what the queries return. */
    private static void runScript(ClusterAddress cluster, String uri) {
        final TableEnvironment tEnv = TableEnvironment.create(
                EnvironmentSettings.newInstance().inBatchMode().withConfiguration(cluster.clientConfiguration()).build());
        for (SqlScript.Chunk chunk : SqlScript.read(SCRIPT).chunks()) {
            final String sql = chunk.sql().replace(PLACEHOLDER, uri).replaceAll("(?m)^\\s*--.*$", "").strip();
            if (sql.isEmpty() || sql.startsWith("SET")) {
                continue; // comments; the SQL Client's settings (this is a batch environment already)
            }
            try {
                final TableResult result = tEnv.executeSql(sql.replaceFirst(";$", ""));
                if (result.getResultKind() == org.apache.flink.table.api.ResultKind.SUCCESS_WITH_CONTENT) {
                    System.out.println();
                    result.print();
                }
            } catch (RuntimeException e) {
                System.out.println(chunk.where() + ": " + ScriptErrors.rootMessage(e).lines().findFirst().orElse(""));
            }
        }
    }
}
