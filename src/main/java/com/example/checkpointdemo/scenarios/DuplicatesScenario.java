package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.report.PrintedRows;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.runner.ClusterAddress;
import com.example.checkpointdemo.runner.Demo;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code duplicates}: the demo itself, counting what the print sink wrote against what the file
 * sink committed. A checkpoint stores state, not console output; exactly-once is the sink's doing.
 */
final class DuplicatesScenario implements Scenario {

    /** The print-identifier of the script's print sink. */
    private static final String PRINTED = "SUM";

    @Override
    public String name() {
        return "duplicates";
    }

    @Override
    public Path script() {
        return Path.of("sql/checkpoint_demo.sql");
    }

    @Override
    public ScenarioReport run(ClusterAddress cluster) {
        final Demo demo;
        final PrintedRows printed;
        try (ConsoleCapture console = new ConsoleCapture()) {
            demo = Runs.once(cluster, script());
            printed = PrintedRows.count(console.lines(), PRINTED);
        }
        return judge(demo.report(), printed);
    }

    static ScenarioReport judge(RecoveryReport run, PrintedRows printed) {
        final boolean shown =
                printed.duplicates() >= 1
                        && run.committedDuplicates() == 0
                        && run.committedExact()
                        && run.restoredCheckpointId() != null
                        && Objects.equals(run.finalSum(), run.expectedSum());
        final String lesson =
                String.format(
                        "The print sink wrote %d rows for %d committed: %d of them twice, once before the"
                                + " failure and again when the restarted job replayed them from checkpoint %s."
                                + " A print sink cannot take back what it wrote; a checkpoint stores state and"
                                + " the source's position, not console output. The file sink committed %d rows"
                                + " with %d duplicates, because it commits only what a completed checkpoint"
                                + " covers: exactly-once depends on the sink.%s",
                        printed.rows(), run.committedRows(), printed.duplicates(), run.restoredCheckpointId(),
                        run.committedRows(), run.committedDuplicates(),
                        shown ? "" : " NOT SHOWN: expected rows printed twice, none committed twice, a restored"
                                + " checkpoint and an exact committed output (" + run.verdict() + ").");
        return new ScenarioReport(
                "duplicates", shown, lesson, run, printed.rows(), printed.duplicates(), null, null, null, null, null, null);
    }
}
