package com.example.checkpointdemo.scenarios;

import com.example.checkpointdemo.plumbing.Text;
import com.example.checkpointdemo.report.PrintedRows;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.report.Workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code duplicates}: the demo itself, counting what the print sink wrote against what the file
 * sink committed. A checkpoint stores state, not console output; exactly-once is the sink's doing.
 */
final class DuplicatesScenario implements Scenario {

    @Override
    public String name() {
        return "duplicates";
    }

    @Override
    public Path script() {
        return Path.of("sql/checkpoint_demo.sql");
    }

    @Override
    public Outcome run(Workspace workspace) {
        final RunEvidence run = Runs.once(workspace, script());
        final PrintedRows printed = Objects.requireNonNull(run.printed(), "the demo script has a print sink");
        return new Outcome(judge(run.report(workspace.timeline().toString()), printed), List.of(run));
    }

    static ScenarioReport judge(RecoveryReport run, PrintedRows printed) {
        final boolean shown =
                printed.duplicates() >= 1
                        && printed.count() == run.committedRows() + printed.duplicates()
                        && run.committedDuplicates() == 0
                        && run.committedExact()
                        && run.restoredCheckpointId() != null
                        && Objects.equals(run.finalSum(), run.expectedSum());
        final String lesson =
                Text.format(
                        "The print sink wrote %d rows for %d committed: v = %s twice, once on attempt 0 after"
                                + " checkpoint %s and before the failure, and again after the restore of checkpoint"
                                + " %s. A print sink cannot take back what it wrote; the checkpoint held the state"
                                + " and the source's position, not the console. The file sink committed %d rows"
                                + " with %d duplicates: it commits only what a completed checkpoint covers, so"
                                + " exactly-once depends on the sink.%s",
                        printed.count(), run.committedRows(), printedTwice(printed), run.restoredCheckpointId(),
                        run.restoredCheckpointId(), run.committedRows(), run.committedDuplicates(),
                        shown ? "" : Text.format(" NOT SHOWN: expected rows printed twice, none committed twice, a restored"
                                + " checkpoint and an exact committed output (%s).", run.verdict()));
        return new ScenarioReport(
                "duplicates", shown, lesson, run, printed.count(), printed.duplicates(), null, null, null, null, null, null, null, null);
    }

    /** The values printed more than once, in print order. */
    private static String printedTwice(PrintedRows printed) {
        final Set<List<Object>> seen = new HashSet<>();
        final List<Long> twice = new ArrayList<>();
        for (SumRow row : printed.rows()) {
            if (!seen.add(List.of(row.k(), row.v(), row.runningSum())) && !twice.contains(row.v())) {
                twice.add(row.v());
            }
        }
        return twice.isEmpty() ? Text.of("none") : twice.toString().replaceAll("[\\[\\]]", "");
    }
}
