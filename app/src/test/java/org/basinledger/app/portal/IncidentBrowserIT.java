package org.basinledger.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.Scenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The incident banner in headless Chromium (issue 14): with an agreement page open, an incident raised over the API
 * appears in its banner without a reload (the page's script follows the agreement's stream and swaps the
 * server-rendered banner in), its description as text, and leaves it when it is closed; the home page shows it
 * as loaded.
 */
@EnabledIfBrowser
class IncidentBrowserIT extends IncidentPortalTestBase {

    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        HeadlessChromium.close(chromium);
    }

    @Test
    void anIncidentAppearsInTheOpenPagesBannersWithoutAReloadAndLeavesWhenClosed() {
        Government upstream = ledger.register("CN-ZJ-HU");
        Government downstream = ledger.register("CN-SH-QP");
        Map<String, Object> body = LedgerDriver.draftBody(LocalDate.now().minusYears(1), LocalDate.now().plusYears(2),
                upstream, downstream);
        Scenarios.terms(body).put("emergency", Map.of("acknowledgeWithin",
                Map.of("BLUE", "P1D", "YELLOW", "PT12H", "ORANGE", "PT6H", "RED", "PT1H")));
        String agreementId = Scenarios.signedInForce(ledger, body, upstream, downstream);

        for (String page : List.of("/agreements/" + agreementId, "/")) {
            browser.get(base() + page);
            wait(IncidentBrowserIT::following);
            Object marker = ((JavascriptExecutor) browser).executeScript("return window.blMarker = Math.random();");

            String description = "Dead fish along the bank <img src=x onerror=alert(1)> " + page;
            String id = raise(upstream, agreementId, description);
            By entry = By.cssSelector("#incident-banner [data-incident='" + id + "']");
            wait(d -> !d.findElements(entry).isEmpty());
            assertThat(browser.findElement(entry).getText()).contains("RED", description);
            assertThat(browser.findElements(By.cssSelector("#incident-banner img"))).as("text, not markup").isEmpty();
            assertThat(((JavascriptExecutor) browser).executeScript("return window.blMarker")).as("no reload")
                    .isEqualTo(marker);

            Http.Answer closed = http.post("/api/v1/incidents/" + id + "/closure", Map.of("summary", "Cleared"))
                    .token(upstream.token()).send();
            assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
            wait(d -> d.findElements(entry).isEmpty());
            assertThat(((JavascriptExecutor) browser).executeScript("return window.blMarker")).as("no reload")
                    .isEqualTo(marker);
        }
        // without the script (or before it runs) the banner is as rendered on the server
        String id = raise(upstream, agreementId, "Foam on the water at the intake");
        browser.get(base() + "/");
        assertThat(browser.findElement(By.cssSelector("#incident-banner [data-incident='" + id + "']")).getText())
                .contains("RED", "Foam on the water at the intake");
    }

    @Test
    void pagesLeftBehindHoldNoStreamsSoManyPageLoadsInARowStillLoad() {
        Government upstream = ledger.register("CN-ZJ-JX");
        Government downstream = ledger.register("CN-SH-JS");
        String agreementId = Scenarios.signedInForce(ledger, LedgerDriver.draftBody(LocalDate.now().minusYears(1),
                LocalDate.now().plusYears(2), upstream, downstream), upstream, downstream);
        // each of these pages opens a stream; a browser allows six connections to one host, so without closing
        // streams on pagehide the seventh page would wait for a connection that never frees
        for (int i = 0; i < 8; i++) {
            browser.get(base() + (i % 2 == 0 ? "/" : "/agreements/" + agreementId));
            wait(IncidentBrowserIT::following);
        }
    }

    private String raise(Government by, String agreementId, String description) {
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("sectionId", "JIEKOU");
        incident.put("level", "RED");
        incident.put("description", description);
        incident.put("detectedAt", Instant.now().minus(Duration.ofMinutes(3)).toString());
        incident.put("evidence", List.of(Scenarios.evidence("photograph")));
        Http.Answer raised = http.post("/api/v1/agreements/" + agreementId + "/incidents", incident)
                .token(by.token()).send();
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        return raised.json().path("id").asText();
    }

    /** The page follows its stream: the agreement page its agreement's (which carries its incidents), the home page the incidents'. */
    private static boolean following(WebDriver d) {
        return Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return document.body.dataset.incidents === 'open'"
                        + " && (!document.getElementById('live') || document.body.dataset.live === 'open')"));
    }

    private static void wait(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }
}
