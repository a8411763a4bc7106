package com.example.checkpointdemo.lab;

import com.example.checkpointdemo.plumbing.RestApi;
import com.example.checkpointdemo.testing.Browser;
import com.example.checkpointdemo.testing.MiniClusters;
import com.example.checkpointdemo.testing.Sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live lab as a learner uses it, in a real headless browser: each button that acts on a job
 * pressed on a running one, and what the page then shows checked against Flink's facts.
 */
class LabITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.extension();

    private static final Duration A_RUN = Duration.ofSeconds(60);

    @TempDir Path dir;

    private LabServer lab;
    private Browser browser;

    @BeforeEach
    void openTheLab() throws Exception {
        final Sandbox sandbox = Sandbox.in(dir);
        // The demo script at 400 ms a row: 8 s in which to press the buttons after a checkpoint.
        final Path script = Sandbox.demo().pace(400).writeTo(dir.resolve("lab_demo.sql"));
        lab = LabServer.start(sandbox.workspace(MiniClusters.address(MINI_CLUSTER)), script, 0);
        browser = Browser.start(dir);
        browser.open(lab.address());
        await("body[data-ready=true]");
    }

    @AfterEach
    void closeTheLab() throws InterruptedException {
        // Without a browser (skipped outside CI) the lab is still open.
        if (browser != null) {
            browser.close();
        }
        lab.close();
    }

    @Test
    void failNowAfterACheckpointShowsItsRestoreTheGuessAnsweredAndTheVerdictProven() throws Exception {
        assertThat(disabled()).contains("fail-now", "cancel-keep-checkpoint", "savepoint-and-stop", "resume").doesNotContain("start");
        press("start");
        // Once a checkpoint's content is read, the learner guesses it comes back, and fails the job.
        final WebElement checkpoint = await("[data-kind=checkpoint][data-held]");
        final String guessedSum = checkpoint.getDomAttribute("data-held").replaceFirst("^all → ", "");
        type("guess-checkpoint", checkpoint.getDomAttribute("data-id"));
        type("guess-sum", guessedSum);
        press("fail-now");

        final WebElement restore = await("#restore[data-kind=restore][data-held]");
        final WebElement verdict = await("#verdict[data-verdict]");
        browser.screenshotWholePage(Path.of("target/screenshots/lab-restore.png"));

        assertThat(browser.errors()).isEmpty();
        assertThat(verdict.getDomAttribute("data-verdict")).as(verdict.getText()).isEqualTo("PROVEN");
        final String restoredId = restore.getDomAttribute("data-checkpoint-id");
        final WebElement restored = browser.all("[data-kind=checkpoint][data-id=\"" + restoredId + "\"]").get(0);
        assertThat(restore.getDomAttribute("data-held")).isEqualTo(restored.getDomAttribute("data-held"));
        assertThat(Long.parseLong(checkpoint.getDomAttribute("data-id"))).isLessThanOrEqualTo(Long.parseLong(restoredId));
        final long held = heldSum(restore);
        assertResumedFrom(held, "1");
        assertThat(browser.all("[data-kind=row][data-state=committed]")).isNotEmpty();
        // The first attempt's rows: those the restored checkpoint covers were committed, any printed
        // after it were thrown away by the restore (none, if the failure hit the very next row).
        assertThat(browser.all(".lane[data-attempt=\"0\"] [data-kind=row]")).isNotEmpty().allSatisfy(row ->
                assertThat(row.getDomAttribute("data-state")).as("row v=" + row.getDomAttribute("data-v"))
                        .isEqualTo(Long.parseLong(row.getDomAttribute("data-running-sum")) <= held ? "committed" : "thrown-away"));

        // The guess, answered from what Flink restored (a later checkpoint may have completed before the failure).
        final WebElement answer = await("#answer[data-actual-checkpoint]");
        assertThat(answer.getDomAttribute("data-actual-checkpoint")).isEqualTo(restoredId);
        assertThat(answer.getDomAttribute("data-actual-sum")).isEqualTo(String.valueOf(held));
        assertThat(answer.getDomAttribute("data-right")).isEqualTo(String.valueOf(
                restoredId.equals(checkpoint.getDomAttribute("data-id")) && guessedSum.equals(String.valueOf(held))));

        // The page's own origin only: another site's page may not press the buttons.
        final HttpResponse<String> foreign = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(lab.address() + "api/start"))
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        // Nor may a page whose host name was pointed at 127.0.0.1 read the run's events (DNS rebinding).
        assertThat(statusOfGetWithHost("/events", "evil.example:" + java.net.URI.create(lab.address()).getPort())).isEqualTo(403);
        assertThat(statusOfGetWithHost("/setup", "127.0.0.1:" + java.net.URI.create(lab.address()).getPort())).isEqualTo(200);

        // The same page in Chinese.
        press("language");
        assertThat(browser.all("#fail-now").get(0).getText()).isEqualTo("立即失败");
        assertThat(restore.getText()).startsWith("恢复了 checkpoint " + restoredId);
        assertThat(answer.getText()).startsWith("你猜的是 checkpoint " + checkpoint.getDomAttribute("data-id"));
        assertThat(restored.findElement(By.cssSelector(".held")).getText())
                .as("a checkpoint's content stays when the language changes").isEqualTo(restored.getDomAttribute("data-held"));
        browser.screenshotWholePage(Path.of("target/screenshots/lab-restore-zh.png"));
    }

    @Test
    void cancelKeepingTheCheckpointThenResumeContinuesFromIt() throws Exception {
        press("start");
        await("[data-kind=row][data-state=committed]");
        press("cancel-keep-checkpoint");

        final WebElement kept = await("#kept[data-how=checkpoint]");
        final String jobId = browser.all("#status").get(0).getDomAttribute("data-job-id");
        // The checkpoint kept is the one Flink retained for the cancelled job.
        final JsonNode checkpoints = rest().get("/jobs/" + jobId + "/checkpoints");
        assertThat(rest().get("/jobs/" + jobId).path("state").asText()).isEqualTo("CANCELED");
        assertThat(kept.getDomAttribute("data-checkpoint-id")).isEqualTo(checkpoints.path("latest").path("completed").path("id").asText());
        await("#resume:not([disabled])");
        assertThat(disabled()).contains("fail-now", "cancel-keep-checkpoint", "savepoint-and-stop");
        browser.screenshot(Path.of("target/screenshots/lab-kept.png"));

        resumeAndAssertItRestores(kept);
        assertThat(browser.errors()).isEmpty();
    }

    /**
     * The course's third point, as a learner tries it: "fail now" before any checkpoint (the job
     * starts again from zero, and the page says so at once), "cancel, keep the checkpoint" once one
     * holds rows, "resume": the second job restores the kept checkpoint and its output is exact, yet
     * the verdict over both jobs names the first job's restart from scratch.
     */
    @Test
    void aRestartFromZeroBeforeACancelAndAResumeIsNamedInTheVerdict() throws Exception {
        // The first checkpoint 6 s after the start: "fail now" meets the next row long before it.
        type("checkpoint-interval", "6000");
        press("start");
        await("#status[data-job-id]");
        press("fail-now");
        final WebElement fromZero = await("#log li[data-i18n-key=\"log.fromScratch\"]");
        assertThat(fromZero.getText()).isEqualTo("No checkpoint had completed: the job starts again from zero, and its rows so far are"
                + " thrown away.");
        assertThat(browser.all("#restore:not([hidden])")).as("no restore follows a failure with nothing to restore").isEmpty();

        await("[data-kind=row][data-state=committed]");
        press("cancel-keep-checkpoint");
        final WebElement kept = await("#kept[data-how=checkpoint]");
        press("resume");
        // A retained chk-N a job starts from is a checkpoint, whatever REST's is_savepoint says.
        final WebElement restore = await("#restore[data-held][data-checkpoint-id=\"" + kept.getDomAttribute("data-checkpoint-id") + "\"]");
        assertThat(restore.getText()).startsWith("Restored checkpoint " + kept.getDomAttribute("data-checkpoint-id"));
        final WebElement verdict = await("#verdict[data-verdict]");
        browser.screenshotWholePage(Path.of("target/screenshots/lab-restart-from-zero.png"));

        assertThat(verdict.getDomAttribute("data-verdict")).as(verdict.getText()).isEqualTo("RESTARTED_FROM_SCRATCH");
        assertThat(verdict.getText()).startsWith("RECOVERY NOT PROVEN (RESTARTED FROM SCRATCH): job 1 of 2 (")
                .contains("no checkpoint had completed before the failure");
        assertThat(browser.errors()).isEmpty();
    }

    @Test
    void paceAndIntervalForTheNextJobThenSavepointAndStopThenResume() throws Exception {
        type("rows-per-second", "4");
        type("checkpoint-interval", "700");
        press("start");
        await("#status[data-job-id]");
        final String first = browser.all("#status").get(0).getDomAttribute("data-job-id");
        // Flink's own view of the job: the interval it checkpoints at, and the pace in its plan.
        assertThat(rest().get("/jobs/" + first + "/checkpoints/config").path("interval").asLong()).isEqualTo(700);
        assertThat(rest().get("/jobs/" + first + "/plan").toString()).contains(", 250) AS v]").doesNotContain(", 400) AS v]");

        await("[data-kind=row][data-state=committed]");
        press("savepoint-and-stop");
        final WebElement kept = await("#kept[data-how=savepoint]");
        assertThat(rest().get("/jobs/" + first).path("state").asText()).isEqualTo("FINISHED");
        assertThat(kept.getDomAttribute("data-checkpoint-id"))
                .isEqualTo(rest().get("/jobs/" + first + "/checkpoints").path("latest").path("savepoint").path("id").asText());
        // Stop-with-savepoint commits what the job printed: nothing is left uncommitted.
        assertThat(browser.all("[data-kind=row][data-state=uncommitted]")).isEmpty();
        assertThat(browser.all("[data-kind=row][data-state=committed]")).isNotEmpty();

        // At parallelism 2 Flink cannot map the demo job's savepoint (its job graph changes from
        // parallelism 1): the page says so in Flink's words, and the savepoint stays to resume from.
        type("parallelism", "2");
        press("resume");
        final WebElement refused = await("#log li[data-i18n-key=\"log.error\"]");
        assertThat(refused.getText()).contains("Cannot map checkpoint/savepoint state");
        browser.screenshot(Path.of("target/screenshots/lab-rescale-refused.png"));

        browser.all("#parallelism").get(0).clear();
        resumeAndAssertItRestores(kept);
        browser.screenshot(Path.of("target/screenshots/lab-savepoint-resumed.png"));
        assertThat(browser.errors()).isEmpty();
    }

    /**
     * Presses "resume": the next job restores what {@code kept} names, with the same content, its
     * first row resumes from that sum, and the verdict over both jobs is PROVEN.
     */
    private void resumeAndAssertItRestores(WebElement kept) {
        press("resume");
        final WebElement restore = await("#restore[data-held][data-checkpoint-id=\"" + kept.getDomAttribute("data-checkpoint-id") + "\"]");
        final WebElement verdict = await("#verdict[data-verdict]");
        assertThat(verdict.getDomAttribute("data-verdict")).as(verdict.getText()).isEqualTo("PROVEN");
        assertThat(restore.getDomAttribute("data-held")).isEqualTo(kept.getDomAttribute("data-held"));
        assertResumedFrom(heldSum(kept), "1");
    }

    /** The first row of the lane {@code attempt} resumed from {@code held}: running_sum - v. */
    private void assertResumedFrom(long held, String attempt) {
        final WebElement first = browser.all(".lane[data-attempt=\"" + attempt + "\"] [data-kind=row]").get(0);
        assertThat(Long.parseLong(first.getDomAttribute("data-running-sum")) - Long.parseLong(first.getDomAttribute("data-v")))
                .isEqualTo(held);
    }

    private static long heldSum(WebElement element) {
        return Long.parseLong(element.getDomAttribute("data-held").replaceFirst("^all → ", ""));
    }

    /** The status of a GET of {@code path} naming {@code host} (a browser sends the name it was given; Java's client will not set it). */
    private int statusOfGetWithHost(String path, String host) throws java.io.IOException {
        final java.net.URI address = java.net.URI.create(lab.address());
        try (java.net.Socket socket = new java.net.Socket(address.getHost(), address.getPort())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            final String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private RestApi rest() {
        return new RestApi(MiniClusters.address(MINI_CLUSTER));
    }

    private WebElement await(String css) {
        return browser.await(A_RUN, page -> page.all(css).stream().findFirst().orElse(null));
    }

    private void press(String id) {
        await("#" + id + ":not([disabled])").click();
    }

    private void type(String id, String value) {
        final WebElement field = browser.all("#" + id).get(0);
        field.clear();
        field.sendKeys(value);
    }

    /** The ids of the buttons that are disabled now. */
    private List<String> disabled() {
        return browser.all("button[disabled]").stream().map(button -> button.getDomAttribute("id")).toList();
    }
}
