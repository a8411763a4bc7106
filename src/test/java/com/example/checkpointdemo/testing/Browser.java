package com.example.checkpointdemo.testing;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * Debian's chromium, headless, driven by its chromedriver: pages looked at as a person sees them.
 * Nothing is downloaded: without chromium a test says so and is skipped, except in CI
 * ({@code CI=true}), where .ci/run installs it and its absence fails the test.
 */
public final class Browser implements AutoCloseable {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Whether the browser can run here; without one, what is missing, outside CI (in CI a missing
     * browser fails the test: .ci/run installs it).
     */
    public static java.util.Optional<String> missing() {
        if (CHROMIUM.canExecute() && CHROMEDRIVER.canExecute()) {
            return java.util.Optional.empty();
        }
        final String missing = "chromium and chromedriver are needed (apt-get install chromium chromium-driver)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(missing + ", and CI must have them: .ci/run installs them");
        }
        return java.util.Optional.of(missing);
    }

    /** A headless chromium with a profile of its own under {@code dir}. */
    public static Browser start(Path dir) throws IOException {
        missing().ifPresent(missing -> Assumptions.abort(missing + "; skipped outside CI"));
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // As root, without a GPU, and without the background traffic this closed network refuses.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        final LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile())
                .build();
        return new Browser(new ChromeDriver(service, options));
    }

    /** Opens {@code url}. */
    public Browser open(String url) {
        driver.get(url);
        return this;
    }

    /** The elements {@code css} selects, now. */
    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits up to {@code timeout} until {@code condition} gives a value (not null, not false). */
    public <T> T await(Duration timeout, Function<Browser, T> condition) {
        // A page that renders itself (the Web UI is an Angular app) replaces elements as they are read.
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .until(ignored -> condition.apply(this));
    }

    /** The page's text, as shown. */
    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The errors the page's scripts logged (uncaught exceptions, failed loads). */
    public List<String> errors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Saves what the window shows as a PNG to {@code file}; returns it. */
    public Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Saves the whole page, below the window's edge too, as a PNG to {@code file}; returns it. */
    public Path screenshotWholePage(Path file) throws IOException {
        final org.openqa.selenium.Dimension window = driver.manage().window().getSize();
        final long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(window.getWidth(), (int) Math.min(height + 40, 4000)));
        try {
            return screenshot(file);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /** Runs {@code script} in the page; returns its value. */
    public Object script(String script) {
        return driver.executeScript(script);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
