package com.example.checkpointdemo.timeline;

import com.example.checkpointdemo.functions.FaultPlan;
import com.example.checkpointdemo.report.RecoveryReport;
import com.example.checkpointdemo.report.RunEvidence;
import com.example.checkpointdemo.report.SumRow;
import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.runner.Variant;
import com.example.checkpointdemo.testing.Browser;
import com.example.checkpointdemo.testing.Dashboard;
import com.example.checkpointdemo.testing.ManualCheckpoint;
import com.example.checkpointdemo.testing.MiniClusters;
import com.example.checkpointdemo.testing.Sandbox;

import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recovery timeline of real runs, opened in a real headless browser, and read as a tool reads
 * it: by its marks' data attributes, checked against the run's JSON report and committed files.
 * The demo's run is also looked at in Flink's own Web UI on the same embedded cluster (the
 * configuration bin/demo starts): the job is listed, and its Checkpoints page shows the checkpoint
 * it restored.
 */
class TimelineITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.extension();

    @TempDir Path dir;

    private Sandbox sandbox;
    private Workspace workspace;

    @BeforeEach
    void setUp() throws IOException {
        sandbox = Sandbox.in(dir);
        workspace = sandbox.workspace(MiniClusters.address(MINI_CLUSTER));
    }

    @Test
    void theDemoShowsItsCheckpointItsFailureAndTheRowsTheRestoreThrewAwayAndFlinksWebUiItsRestore() throws Exception {
        // The demo script; its one checkpoint covers 1..3, so 4..7 are processed, then thrown away.
        final RunEvidence run = workspace.run(sandbox.manual(Sandbox.demo(), 4), workspace.runner(Variant.PTF, null)
                .whileRunning(ManualCheckpoint.whenHeld(workspace.cluster(), sandbox.checkpoints(), 4)));
        final RecoveryReport report = run.report(workspace.timeline().toString());
        TimelineSvg.write("Checkpoint recovery: the demo", List.of(run), report, workspace.timeline());

        try (Browser browser = Browser.start(dir)) {
            browser.open(workspace.timeline().toUri().toString());
            browser.screenshot(Path.of("target/screenshots/timeline-demo.png"));

            assertThat(browser.errors()).isEmpty();
            assertMarksAgreeWithTheRun(browser, run, report);
            assertThat(thrownAway(browser)).containsExactly("0:4", "0:5", "0:6", "0:7");
            final WebElement restore = browser.all("[data-kind=restore]").get(0);
            assertThat(restore.getDomAttribute("data-checkpoint-id")).isEqualTo(String.valueOf(report.restoredCheckpointId()));
            // What the arrow and the marks say the checkpoint holds is what the report read from its files.
            final long held = report.restoredState().get("all");
            assertThat(held).isEqualTo(6);
            assertThat(restore.getDomAttribute("data-held-sum")).isEqualTo(String.valueOf(held));
            assertThat(browser.all("[data-kind=checkpoint][data-held]")).singleElement()
                    .satisfies(checkpoint -> assertThat(checkpoint.getDomAttribute("data-held")).isEqualTo("all=" + held));
            final List<WebElement> heldRows = browser.all("[data-kind=row][data-held-by]");
            assertThat(heldRows).extracting(row -> row.getDomAttribute("data-attempt") + ":" + row.getDomAttribute("data-v"))
                    .containsExactly("0:1", "0:2", "0:3");
            assertThat(heldRows.get(heldRows.size() - 1).getDomAttribute("data-running-sum")).isEqualTo(String.valueOf(held));
            assertThat(browser.text()).contains(report.verdictLine().substring(0, 60));

            // Flink's Web UI on the cluster that ran it: the job, and the checkpoint it restored.
            final Dashboard dashboard = new Dashboard(browser, workspace.cluster());
            assertThat(dashboard.completedJobs()).contains("checkpoint-demo").contains("FINISHED");
            final String latestRestore = dashboard.latestRestore(run.job().jobId());
            browser.screenshot(Path.of("target/screenshots/dashboard-embedded-checkpoints.png"));
            assertThat(latestRestore).contains("ID: " + run.job().restoredCheckpointId());
            assertThat(browser.errors()).isEmpty();
        }
    }

    @Test
    void anotherInputWithTwoFailuresDrawsTheirOwnPicture() throws Exception {
        final List<Long> input = List.of(7L, -3L, 12L, 5L, 9L, 30L, -8L, 4L, 16L, 2L, 11L, 6L, 21L, -1L, 13L, 3L);
        final Path numbers = Files.write(dir.resolve("numbers.csv"), input.stream().map(String::valueOf).toList());
        final Path script = Sandbox.demo().input(numbers).output(dir.resolve("out")).faults(FaultPlan.parse("30,13"))
                .set("execution.checkpointing.dir", sandbox.checkpoints()).set("execution.checkpointing.interval", "300ms")
                .set("execution.checkpointing.min-pause", "0ms").writeTo(dir.resolve("two_failures.sql"));
        final RunEvidence run = workspace.run(script, workspace.runner(Variant.DATASTREAM, null));
        final RecoveryReport report = run.report(workspace.timeline().toString());
        TimelineSvg.write("Checkpoint recovery: two failures", List.of(run), report, workspace.timeline());

        try (Browser browser = Browser.start(dir)) {
            browser.open(workspace.timeline().toUri().toString());
            browser.screenshot(Path.of("target/screenshots/timeline-two-failures.png"));

            assertThat(browser.errors()).isEmpty();
            assertThat(report.injectedFailures()).isEqualTo(2);
            assertMarksAgreeWithTheRun(browser, run, report);
            assertThat(browser.all("[data-kind=row]")).extracting(row -> row.getDomAttribute("data-attempt")).contains("0", "1", "2");
        }
    }

    /**
     * The marks against the report and the files: one completed-checkpoint mark per completed
     * checkpoint, one failure mark per injected failure, and a row drawn as committed exactly when
     * the file sink committed it (its value, sum and attempt).
     */
    private static void assertMarksAgreeWithTheRun(Browser browser, RunEvidence run, RecoveryReport report) {
        assertThat(browser.all("[data-kind=checkpoint][data-status=completed]")).hasSize((int) report.completedCheckpoints());
        assertThat(browser.all("[data-kind=failure][data-injected=true]")).hasSize(report.injectedFailures());
        final Set<String> committed = new HashSet<>();
        for (SumRow row : run.committed()) {
            committed.add(row.attempt() + ":" + row.v() + ":" + row.runningSum());
        }
        final List<WebElement> rows = browser.all("[data-kind=row]");
        assertThat(rows).hasSize(run.printed().count());
        for (WebElement row : rows) {
            final String id = row.getDomAttribute("data-attempt") + ":" + row.getDomAttribute("data-v") + ":" + row.getDomAttribute("data-running-sum");
            assertThat(row.getDomAttribute("data-committed")).as(id).isEqualTo(String.valueOf(committed.contains(id)));
        }
        assertThat(rows.stream().filter(row -> "true".equals(row.getDomAttribute("data-committed")))).hasSize(report.committedRows());
    }

    /** The rows drawn as thrown away, as attempt:v. */
    private static List<String> thrownAway(Browser browser) {
        return browser.all("[data-kind=row][data-committed=false]").stream()
                .map(row -> row.getDomAttribute("data-attempt") + ":" + row.getDomAttribute("data-v"))
                .toList();
    }
}
