package com.example.checkpointdemo.testing;

import com.example.checkpointdemo.plumbing.ClusterAddress;

import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;

/** Flink's Web UI in a {@link Browser}: what a user reads on its pages. */
public final class Dashboard {

    private static final Duration LOAD = Duration.ofSeconds(60);

    private final Browser browser;
    private final ClusterAddress cluster;

    public Dashboard(Browser browser, ClusterAddress cluster) {
        this.browser = browser;
        this.cluster = cluster;
    }

    /** The text of the completed jobs page, once it lists a job. */
    public String completedJobs() {
        browser.open(cluster + "/#/job/completed");
        return browser.await(LOAD, b -> b.text().contains("FINISHED") || b.text().contains("FAILED") ? b.text() : null);
    }

    /**
     * The "Latest Restore" row of the finished job's Checkpoints page (its Overview tab), as the
     * page shows it, once the page has loaded the job's checkpoint statistics.
     */
    public String latestRestore(String jobId) {
        browser.open(cluster.checkpointsPage(jobId, true));
        return browser.await(LOAD, b -> {
            final List<WebElement> rows = b.all("tr");
            for (WebElement row : rows) {
                final String text = row.getText();
                if (text.startsWith("Latest Restore") && text.length() > "Latest Restore".length() + 2) {
                    b.script("document.querySelectorAll('tr').forEach(r => { if (r.innerText.startsWith('Latest Restore'))"
                            + " r.scrollIntoView({block: 'center'}); });");
                    return text;
                }
            }
            return null;
        });
    }

    /** The page's text. */
    public String text() {
        return browser.text();
    }
}
