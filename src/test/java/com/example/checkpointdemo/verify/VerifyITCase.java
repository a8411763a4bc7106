package com.example.checkpointdemo.verify;

import com.example.checkpointdemo.testing.Browser;
import com.example.checkpointdemo.testing.UdfJar;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify} on a cluster of real processes (ZooKeeper, two JobManagers, two TaskManagers),
 * shared by the tests: the corpus jobs are VERIFIED under each fault, a script the project never
 * saw too, and the jobs it must catch are caught, each with the anomaly or the reason named.
 */
class VerifyITCase {

    /** One row per 15 ms: the corpus jobs' 200 rows run some 3 s, room for checkpoints and a fault. */
    private static final int PACE = 15;

    @TempDir static Path shared;

    private static VerifyCluster cluster;
    private static Path udfs;

    @TempDir Path dir;

    @BeforeAll
    static void startTheCluster() throws Exception {
        udfs = UdfJar.build(shared);
        cluster = VerifyCluster.start(shared.resolve("cluster"), true, VerifyCluster.taskManagersFor(2), false);
    }

    @AfterAll
    static void stopTheCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aWindowAggregationIsVerifiedWithATaskManagerKilledAndItsTimelineDrawn() throws Exception {
        final VerifyReport report = verify(Path.of("sql/verify/window_totals.sql"), List.of(), Fault.Kind.TM_KILL, List.of());

        assertVerified(report);
        assertThat(report.runs().get(1).faultDone()).startsWith("killed taskmanager-");
        final Path page = dir.resolve("verify.html");
        VerifyTimeline.write(report, page);
        try (Browser browser = Browser.start(dir)) {
            browser.open(page.toUri().toString());
            final WebElement verdict = browser.all("[data-outcome]").get(0);
            assertThat(verdict.getDomAttribute("data-outcome")).isEqualTo("VERIFIED");
            assertThat(browser.all("li[data-run][data-exercised=true]")).hasSize(1);
            assertThat(browser.all("svg g[data-run] circle")).as("a restore drawn").isNotEmpty();
            browser.screenshotWholePage(Path.of("target/screenshots/verify-window.png"));
        }
    }

    @Test
    void anIntervalJoinIsVerifiedWithATaskManagerPausedPastItsHeartbeatTimeout() throws Exception {
        final VerifyReport report = verify(Path.of("sql/verify/interval_join.sql"), List.of(), Fault.Kind.TM_STOP, List.of());

        assertVerified(report);
        assertThat(report.runs().get(1).faultDone()).startsWith("paused taskmanager-").contains("(SIGSTOP)", "then SIGCONT");
        // Pinned (docs/cluster.md): a paused TaskManager keeps its connections open, so only
        // heartbeat.timeout notices it.
        assertThat(report.runs().get(1).failures()).extracting(VerifyReport.Tick::what).as("how the paused TaskManager was noticed")
                .anyMatch(cause -> cause.toLowerCase(java.util.Locale.ROOT).matches("(?s).*heartbeat of taskmanager with id \\S+ timed out.*"));
    }

    @Test
    void aDeduplicationIsVerifiedWithTheLeadingJobManagerKilled() throws Exception {
        final VerifyReport report = verify(Path.of("sql/verify/deduplication.sql"), List.of(), Fault.Kind.JM_KILL, List.of());

        assertVerified(report);
        assertThat(report.runs().get(1).faultDone()).startsWith("killed the leading jobmanager-");
    }

    @Test
    void theLessonsOwnScriptIsVerifiedLeavingOutTheColumnsThatTellTheRun() throws Exception {
        // Its own failure at v = 8 is part of the script: every run, the reference too, restores from it.
        final VerifyReport report = verify(Path.of("sql/checkpoint_demo.sql"), List.of(), Fault.Kind.TM_KILL,
                List.of("attempt", "processed_at"));

        assertVerified(report);
        assertThat(report.sinks()).containsExactly("committed_sums", "rejected_rows");
        assertThat(report.notCompared()).containsExactly("printed_sums (print: not read back)");
    }

    @Test
    void aScriptTheProjectNeverSawWithAJarOfItsOwnIsVerified() throws Exception {
        final Path input = Files.writeString(dir.resolve("purchases.csv"), purchases());
        final Path script = Files.writeString(dir.resolve("spend.sql"), String.join("\n",
                "SET 'parallelism.default' = '2';",
                "SET 'execution.checkpointing.interval' = '500ms';",
                "SET 'execution.checkpointing.dir' = '" + dir.resolve("checkpoints").toUri() + "';",
                "SET 'restart-strategy.type' = 'fixed-delay';",
                "SET 'restart-strategy.fixed-delay.delay' = '500ms';",
                "CREATE TEMPORARY FUNCTION ROUNDED AS 'shop.Rounded';",
                "CREATE TABLE purchases (pid INT, buyer STRING, cents BIGINT, bought_at TIMESTAMP(3),",
                "  WATERMARK FOR bought_at AS bought_at - INTERVAL '1' SECOND)",
                "  WITH ('connector' = 'filesystem', 'path' = '" + input + "', 'format' = 'csv');",
                "CREATE TABLE spend (buyer STRING, minute_end TIMESTAMP(3), rounded_cents BIGINT, purchases BIGINT)",
                "  WITH ('connector' = 'filesystem', 'path' = '" + dir.resolve("spend") + "', 'format' = 'csv');",
                "INSERT INTO spend SELECT buyer, window_end, SUM(ROUNDED(cents, 100)), COUNT(*)",
                "FROM TABLE(TUMBLE(TABLE purchases, DESCRIPTOR(bought_at), INTERVAL '1' MINUTE))",
                "GROUP BY buyer, window_start, window_end;", ""));

        final VerifyReport report = verify(script, List.of(udfs), Fault.Kind.TM_KILL, List.of());

        assertVerified(report);
        assertThat(report.runs().get(0).rows()).containsEntry("spend", 8 * 3);
    }

    @Test
    void aCounterKeptInAFieldInsteadOfStateIsCaughtAsChangedValues() throws Exception {
        // A fault at a random time after the first checkpoint: rows are left to count after the restore
        // (a TaskManager killed as a checkpoint it triggers completes may leave none).
        final VerifyReport report = verify(Path.of("sql/verify/catch/counter_in_a_field.sql"), List.of(udfs), Fault.Kind.TM_KILL, List.of(),
                1, Verifications.AT_A_RANDOM_TIME);

        assertThat(report.outcome()).as(report.toText()).isEqualTo(VerifyOutcome.ANOMALIES_FOUND);
        assertThat(report.anomalyCounts()).containsKey("CHANGED_VALUE");
        assertThat(report.runs().get(1).anomalies()).anySatisfy(anomaly ->
                assertThat(anomaly).startsWith("CHANGED VALUE ").contains("in numbered_orders: (").contains("seen_so_far "));
        assertThat(report.verdict()).startsWith("CHANGED VALUE ");
    }

    @Test
    void checkpointsThatNeverCompleteWhileTheJobRunsCannotBeVerified() throws Exception {
        final VerifyReport report = verify(Path.of("sql/verify/catch/no_checkpoint.sql"), List.of(), Fault.Kind.TM_KILL, List.of());

        assertThat(report.outcome()).isEqualTo(VerifyOutcome.CANNOT_VERIFY);
        // Its one checkpoint is the one Flink takes as the bounded input ends: no fault can come after it.
        assertThat(report.verdict()).startsWith("recovery cannot be exercised: the fault-free run took ")
                .contains("no room for a fault after a checkpoint while the job runs");
        assertThat(report.runs()).as("no faulty run was tried").hasSize(1);
    }

    @Test
    void twoFaultFreeRunsThatDisagreeCannotBeTheReference() throws Exception {
        final Path script = Files.writeString(dir.resolve("stamped.sql"), String.join("\n",
                "SET 'execution.checkpointing.interval' = '500ms';",
                "CREATE TABLE numbers (v BIGINT) WITH ('connector' = 'filesystem',",
                "  'path' = '" + Path.of("data/checkpoint_numbers.csv").toAbsolutePath() + "', 'format' = 'csv');",
                "CREATE TABLE stamped (v BIGINT, read_at STRING) WITH ('connector' = 'filesystem', 'path' = '" + dir.resolve("stamped")
                        + "', 'format' = 'csv');",
                "INSERT INTO stamped SELECT v, CAST(CURRENT_TIMESTAMP AS STRING) FROM numbers;", ""));
        final Verifier.Options options = new Verifier.Options(script, List.of(), 1, 2, 1, List.of(Fault.Kind.TM_KILL), List.of(), PACE,
                true, Duration.ofMinutes(3), java.util.Map.of(), null);

        final VerifyReport report = Verifications.run(options, cluster, dir.resolve("home"));

        assertThat(report.outcome()).isEqualTo(VerifyOutcome.CANNOT_VERIFY);
        assertThat(report.verdict()).startsWith("two fault-free runs committed different output").contains("read_at ");
        assertThat(report.runs()).as("no faulty run was tried").hasSize(2);
    }

    private VerifyReport verify(Path script, List<Path> jars, Fault.Kind fault, List<String> ignored) throws Exception {
        return verify(script, jars, fault, ignored, 1, 1);
    }

    /** One faulty run of {@code fault}, its schedule from {@code seed}, after {@code referenceRuns} fault-free ones; the report. */
    private VerifyReport verify(Path script, List<Path> jars, Fault.Kind fault, List<String> ignored, int referenceRuns, long seed)
            throws Exception {
        final Verifier.Options options = new Verifier.Options(script, jars, 1, referenceRuns, seed, List.of(fault), ignored,
                script.equals(Path.of("sql/checkpoint_demo.sql")) ? null : PACE, false, Duration.ofMinutes(3), java.util.Map.of(), null);
        return Verifications.run(options, cluster, dir.resolve("home"));
    }

    private static void assertVerified(VerifyReport report) {
        assertThat(report.outcome()).as(report.toText()).isEqualTo(VerifyOutcome.VERIFIED);
        assertThat(report.exercised()).isEqualTo(1);
        assertThat(report.runs().get(1).recovery()).startsWith("restored checkpoint ");
    }

    /** Eight buyers' purchases, three minutes of them, one every 0.5 s of purchase time: 24 minute-totals. */
    private static String purchases() {
        final List<String> lines = new ArrayList<>();
        final String[] buyers = {"ana", "bo", "chen", "dara", "eli", "fay", "gus", "hana"};
        for (int i = 0; i < 360; i++) {
            lines.add(String.format("%d,%s,%d,2026-12-01 10:%02d:%02d.%d00", i, buyers[i % 8], 150 + i % 7 * 45, i / 120, i / 2 % 60, i % 2 * 5));
        }
        return String.join("\n", lines) + "\n";
    }
}
