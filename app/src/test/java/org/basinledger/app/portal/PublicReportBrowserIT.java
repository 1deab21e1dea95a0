package org.basinledger.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;

import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.app.support.LedgerDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Filing a public report and following it in a real headless Chromium, as a person does: the form refused empty
 * shows the error summary, whose link leads to the field; filled in and sent, the confirmation shows the tracking
 * code; the tracking page finds the report by that code, shows its text as typed (escaped, never run), and erases
 * the contact. Once with JavaScript on (GOV.UK Frontend's scripts), once with it off: the form needs none.
 */
@EnabledIfBrowser
class PublicReportBrowserIT extends PortalTestBase {

    private static HeadlessChromium chromium;
    private static HeadlessChromium chromiumWithoutScript;
    private static WebDriver browser;
    private static WebDriver noScript;

    @BeforeAll
    static void startBrowsers() throws IOException {
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
        chromiumWithoutScript = HeadlessChromium.start(false);
        noScript = chromiumWithoutScript.driver();
    }

    @AfterAll
    static void stopBrowsers() throws IOException {
        HeadlessChromium.close(chromium);
        HeadlessChromium.close(chromiumWithoutScript);
    }

    @Test
    void aPersonFilesAReportFollowsItByItsCodeAndErasesTheContactWithJavaScript() {
        fileFollowAndErase(browser, "Browser Lake");
        assertThat(browser.findElement(By.tagName("body")).getAttribute("class")).contains("js-enabled");
    }

    @Test
    void theSameWorksWithJavaScriptOff() {
        fileFollowAndErase(noScript, "No-script Lake");
        assertThat(noScript.findElement(By.tagName("body")).getAttribute("class")).as("scripts are off")
                .doesNotContain("js-enabled");
    }

    private void fileFollowAndErase(WebDriver driver, String water) {
        driver.get(base() + "/public-reports");
        driver.findElement(By.linkText("Report a problem")).click();
        wait(driver, d -> d.getCurrentUrl().endsWith("/public-reports/new"));
        assertThat(driver.getTitle()).isEqualTo("Report a problem with a river or lake – Basin Ledger");

        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(driver, d -> d.getTitle().startsWith("Error:"));
        assertThat(driver.findElement(By.cssSelector(".govuk-error-summary")).getText())
                .contains("There is a problem", "Select what you saw", "Enter the date you saw it");
        driver.findElement(By.cssSelector(".govuk-error-summary a[href='#day']")).click();
        // GOV.UK Frontend's script moves the focus to the field; without it the link goes to #day
        wait(driver, d -> d.getCurrentUrl().endsWith("#day")
                || "day".equals(d.switchTo().activeElement().getAttribute("id")));

        LocalDate yesterday = LedgerCalendar.dateOf(java.time.Instant.now()).minusDays(1);
        driver.findElement(By.id("basin")).sendKeys("Taihu");
        driver.findElement(By.id("waterBody")).sendKeys(water);
        driver.findElement(By.id("place")).sendKeys("Reed beds by the ferry");
        driver.findElement(By.cssSelector("label[for='category-FISH_KILL']")).click();
        driver.findElement(By.id("description")).sendKeys("Dead fish <img src=x onerror=alert(1)> in the reeds");
        driver.findElement(By.id("day")).sendKeys(String.valueOf(yesterday.getDayOfMonth()));
        driver.findElement(By.id("month")).sendKeys(String.valueOf(yesterday.getMonthValue()));
        driver.findElement(By.id("year")).sendKeys(String.valueOf(yesterday.getYear()));
        driver.findElement(By.id("contactEmail")).sendKeys("browser-reporter@example.org");
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(driver, d -> d.getTitle().startsWith("Report received"));
        String code = driver.findElement(By.id("tracking-code")).getText();
        assertThat(code).matches("[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}");
        assertThat(driver.getCurrentUrl()).doesNotContain(code.substring(0, 4));

        driver.findElement(By.linkText("follow your report")).click();
        wait(driver, d -> d.getTitle().startsWith("Follow your report"));
        driver.findElement(By.id("code")).sendKeys(code.toLowerCase());
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(driver, d -> d.findElements(By.id("report-description")).size() == 1);
        assertThat(driver.getCurrentUrl()).doesNotContain(code.substring(0, 4)).doesNotContain(code.substring(5, 9));
        assertThat(driver.findElement(By.id("report-description")).getText())
                .isEqualTo("Dead fish <img src=x onerror=alert(1)> in the reeds");
        assertThat(driver.findElements(By.cssSelector("#report-description img"))).isEmpty();
        assertThat(driver.findElement(By.id("report-status")).getText()).isEqualTo("Received");
        assertThat(driver.getPageSource()).doesNotContain("browser-reporter@example.org");

        String id = driver.findElement(By.cssSelector("form[action*='/contact-erasure']")).getAttribute("action")
                .replaceAll(".*/public-reports/([^/]+)/contact-erasure", "$1");
        driver.findElement(By.xpath("//button[normalize-space()='Erase my contact details']")).click();
        wait(driver, d -> d.findElements(By.id("erased-title")).size() == 1);
        assertThat(driver.findElement(By.cssSelector(".govuk-notification-banner")).getText())
                .contains("Your contact details are erased");
        assertThat(http.get("/api/v1/public-reports/" + id + "/contact").token(LedgerDriver.REGISTRAR_TOKEN).send()
                .json().path("state").asText()).isEqualTo("ERASED");
    }

    private static void wait(WebDriver driver, java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }
}
