package org.basinledger.app.portal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The browser tests' Chromium: Debian's Chromium under ChromeDriver ({@link EnabledIfBrowser}), headless, on a
 * profile of its own that {@link #close()} deletes with the browser.
 */
final class HeadlessChromium implements AutoCloseable {

    private final Path profile;
    private final WebDriver driver;

    private HeadlessChromium(Path profile, WebDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** A browser with JavaScript on. */
    static HeadlessChromium start() throws IOException {
        return start(true);
    }

    static HeadlessChromium start(boolean javaScript) throws IOException {
        Path profile = Files.createTempDirectory(javaScript ? "basin-ledger-chromium-" : "basin-ledger-chromium-noscript-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(EnabledIfBrowser.CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1600", "--user-data-dir=" + profile);
        if (!javaScript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(EnabledIfBrowser.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(profile, driver);
    }

    WebDriver driver() {
        return driver;
    }

    /** Quits the browser and deletes its profile; safe on a browser that is null (never started). */
    static void close(HeadlessChromium chromium) throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
