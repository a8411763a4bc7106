package com.example.checkpointdemo.lab;

import com.example.checkpointdemo.report.Workspace;
import com.example.checkpointdemo.testing.Browser;
import com.example.checkpointdemo.testing.ClusterUnderTest;
import com.example.checkpointdemo.testing.Processes;
import com.example.checkpointdemo.testing.Sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live lab on bin/cluster start --ha ({@code bin/demo lab --remote}), in a headless browser:
 * the learner kills the TaskManager that runs the job, then the leading JobManager, and the page
 * shows each restore with the checkpoint's id and content, as the cluster's REST API and the
 * checkpoint's files tell them.
 */
class LabOnAClusterITCase {

    private static final Duration A_RUN = Duration.ofMinutes(2);

    @TempDir Path dir;

    private ClusterUnderTest cluster;

    @AfterEach
    void stopWhateverIsLeft() throws Exception {
        if (cluster != null) {
            cluster.stopWhateverIsLeft();
            // The processes' logs outlive the test's folder: what a failover did is read there.
            final Path logs = Path.of("target/lab-cluster-logs");
            com.example.checkpointdemo.plumbing.Directories.delete(logs);
            com.example.checkpointdemo.plumbing.Directories.copy(cluster.home().resolve("log"), logs);
        }
    }

    @Test
    void killTaskManagerThenKillJobManagerShowsEachRestore() throws Exception {
        cluster = new ClusterUnderTest(dir);
        final Processes.Finished started = cluster.start("--ha");
        assertThat(started.exitCode()).as(started.console()).isZero();
        // 1..60 at 500 ms a row: time for two failures and their recoveries while the job runs.
        final Path input = Files.write(dir.resolve("numbers.csv"), LongStream.rangeClosed(1, 60).mapToObj(String::valueOf).toList());
        final Path script = Sandbox.demo().input(input).pace(500).writeTo(dir.resolve("lab_demo.sql"));
        final Workspace workspace = new Workspace(LabServer.addressOn(cluster.cluster()), dir.resolve("report/recovery.html"), dir, Sandbox.in(dir).settings(),
                false, null, null, false);

        try (LabServer lab = LabServer.start(workspace, script, 0, cluster.cluster()); Browser browser = Browser.start(dir)) {
            browser.open(lab.address());
            await(browser, "body[data-ready=true]");
            assertThat(browser.all("#kill-taskmanager").get(0).isDisplayed()).isTrue();
            assertThat(browser.all("#kill-taskmanager[disabled]")).as("no job runs yet").hasSize(1);
            browser.all("#start").get(0).click();

            await(browser, "[data-kind=checkpoint][data-held]");
            await(browser, "#kill-taskmanager:not([disabled])").click();
            await(browser, "#log li[data-i18n-key=\"log.killedTaskManager\"]");
            final String first = restoreShown(browser)[0];
            browser.screenshot(Path.of("target/screenshots/lab-cluster-taskmanager-killed.png"));

            // A checkpoint after that restore, then the leader dies: the standby recovers the job from the latest one.
            awaitLater(browser, "[data-kind=checkpoint][data-held]", "data-id", first);
            await(browser, "#kill-jobmanager:not([disabled])").click();
            await(browser, "#log li[data-i18n-key=\"log.killedJobManager\"]");
            awaitLater(browser, "#restore[data-kind=restore][data-held]", "data-checkpoint-id", first);

            final WebElement verdict = await(browser, "#verdict[data-verdict]");
            // The job has ended: the last restore shown is the new leader's (or a later one of its own).
            final String[] last = restoreShown(browser);
            assertThat(Long.parseLong(last[0])).isGreaterThan(Long.parseLong(first));
            // The new leader numbers its attempts from 0 again: the page draws its rows on a lane after
            // the others (the third), and the last lane resumed from the checkpoint restored last.
            final java.util.List<WebElement> lanes = browser.all(".lane");
            assertThat(lanes).hasSizeGreaterThanOrEqualTo(3);
            assertThat(lanes.get(2).findElement(org.openqa.selenium.By.cssSelector("[data-kind=row]")).getDomAttribute("data-flink-attempt"))
                    .as("the attempt the new leader's function saw first").isEqualTo("0");
            final WebElement resumed = lanes.get(lanes.size() - 1).findElement(org.openqa.selenium.By.cssSelector("[data-kind=row]"));
            assertThat(Long.parseLong(resumed.getDomAttribute("data-running-sum")) - Long.parseLong(resumed.getDomAttribute("data-v")))
                    .isEqualTo(Long.parseLong(last[1].replaceFirst("^all → ", "")));
            // Nor does the new leader know of the failure before it: its exception history is empty.
            final String jobId = browser.all("#status").get(0).getDomAttribute("data-job-id");
            assertThat(new com.example.checkpointdemo.plumbing.RestApi(cluster.cluster().followingLeader())
                    .get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries")).isEmpty();

            browser.screenshotWholePage(Path.of("target/screenshots/lab-cluster-jobmanager-killed.png"));
            assertThat(verdict.getDomAttribute("data-verdict")).as(verdict.getText()).isEqualTo("PROVEN");
            assertThat(browser.errors()).isEmpty();
        }
    }

    /**
     * The restore the page shows once its content is read, as {id, content}, read at one moment (a
     * later restore may replace it): its content is what the listed checkpoint of that id holds.
     */
    private static String[] restoreShown(Browser browser) {
        final String shown = browser.await(A_RUN, page -> (String) page.script("const r = document.getElementById('restore');"
                + " return r.dataset.held ? r.dataset.checkpointId + '|' + r.dataset.held : null;"));
        final String[] restore = shown.split("\\|", 2);
        final WebElement checkpoint = await(browser, "[data-kind=checkpoint][data-id=\"" + restore[0] + "\"][data-held]");
        assertThat(restore[1]).as("restore of checkpoint " + restore[0] + ": " + browser.all("#restore").get(0).getText())
                .isEqualTo(checkpoint.getDomAttribute("data-held")).startsWith("all → ");
        return restore;
    }

    /** The first {@code css} whose checkpoint id ({@code attribute}) is later than {@code than}. */
    private static WebElement awaitLater(Browser browser, String css, String attribute, String than) {
        return await(browser, css, element -> Long.parseLong(element.getDomAttribute(attribute)) > Long.parseLong(than));
    }

    private static WebElement await(Browser browser, String css) {
        return await(browser, css, element -> true);
    }

    private static WebElement await(Browser browser, String css, java.util.function.Predicate<WebElement> wanted) {
        try {
            return browser.await(A_RUN, page -> page.all(css).stream().filter(wanted).findFirst().orElse(null));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no " + css + " on the page (errors: " + browser.errors() + "), which reads:\n" + browser.text(), e);
        }
    }
}
