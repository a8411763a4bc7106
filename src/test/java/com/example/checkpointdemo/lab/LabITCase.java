package com.example.checkpointdemo.lab;

import com.example.checkpointdemo.testing.Browser;
import com.example.checkpointdemo.testing.MiniClusters;
import com.example.checkpointdemo.testing.Sandbox;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The live lab as a learner uses it, in a real headless browser: start, fail now, watch the restore. */
class LabITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.extension();

    private static final Duration A_RUN = Duration.ofSeconds(60);

    @TempDir Path dir;

    @Test
    void failNowAfterACheckpointShowsItsRestoreAndTheVerdictProven() throws Exception {
        final Sandbox sandbox = Sandbox.in(dir);
        // The demo script at 400 ms a row: 8 s in which to press the button after a checkpoint.
        final Path script = Sandbox.demo().pace(400).writeTo(dir.resolve("lab_demo.sql"));
        try (LabServer lab = LabServer.start(sandbox.workspace(MiniClusters.address(MINI_CLUSTER)), script, 0);
                Browser browser = Browser.start(dir)) {
            browser.open(lab.address());
            browser.await(A_RUN, page -> page.all("body[data-ready=true]").isEmpty() ? null : true);
            browser.all("#start").get(0).click();
            // Once a checkpoint has completed (not waiting for its content: the job goes on meanwhile).
            final WebElement checkpoint = browser.await(A_RUN, page -> page.all("[data-kind=checkpoint]").stream().findFirst().orElse(null));
            browser.all("#fail-now").get(0).click();

            final WebElement restore = browser.await(A_RUN, page -> page.all("#restore[data-kind=restore]").stream().findFirst().orElse(null));
            final WebElement verdict = browser.await(A_RUN, page -> page.all("#verdict[data-verdict]").stream().findFirst().orElse(null));
            browser.screenshot(Path.of("target/screenshots/lab-restore.png"));

            assertThat(browser.errors()).isEmpty();
            assertThat(verdict.getDomAttribute("data-verdict")).as(verdict.getText()).isEqualTo("PROVEN");
            final String restoredId = restore.getDomAttribute("data-checkpoint-id");
            final WebElement restored = browser.all("[data-kind=checkpoint][data-id=\"" + restoredId + "\"]").get(0);
            assertThat(restore.getDomAttribute("data-held")).isEqualTo(restored.getDomAttribute("data-held"));
            assertThat(Long.parseLong(checkpoint.getDomAttribute("data-id"))).isLessThanOrEqualTo(Long.parseLong(restoredId));
            // The restarted attempt's first row resumed from the sum the restored checkpoint holds.
            final List<WebElement> resumed = browser.all(".lane[data-attempt=\"1\"] [data-kind=row]");
            final WebElement first = resumed.get(0);
            final long held = Long.parseLong(restore.getDomAttribute("data-held").replaceFirst("^all → ", ""));
            assertThat(Long.parseLong(first.getDomAttribute("data-running-sum")) - Long.parseLong(first.getDomAttribute("data-v")))
                    .isEqualTo(held);
            assertThat(browser.all("[data-kind=row][data-state=committed]")).isNotEmpty();
            // The first attempt's rows: those the restored checkpoint covers were committed, any printed
            // after it were thrown away by the restore (none, if the failure hit the very next row).
            assertThat(browser.all(".lane[data-attempt=\"0\"] [data-kind=row]")).isNotEmpty().allSatisfy(row ->
                    assertThat(row.getDomAttribute("data-state")).as("row v=" + row.getDomAttribute("data-v"))
                            .isEqualTo(Long.parseLong(row.getDomAttribute("data-running-sum")) <= held ? "committed" : "thrown-away"));

            // The page's own origin only: another site's page may not press the buttons.
            final HttpResponse<String> foreign = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(lab.address() + "api/start"))
                    .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(foreign.statusCode()).isEqualTo(403);

            // The same page in Chinese.
            browser.all("#language").get(0).click();
            assertThat(browser.all("#fail-now").get(0).getText()).isEqualTo("立即失败");
            assertThat(restore.getText()).startsWith("恢复了 checkpoint " + restoredId);
            assertThat(restored.findElement(org.openqa.selenium.By.cssSelector(".held")).getText())
                    .as("a checkpoint's content stays when the language changes").isEqualTo(restored.getDomAttribute("data-held"));
            browser.screenshot(Path.of("target/screenshots/lab-restore-zh.png"));
        }
    }
}
