package org.basinledger.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal in a real headless Chromium (Debian's chromium and chromium-driver, driven by Selenium): the list
 * and its filters, the agreement page with everything it shows, a new assessment appearing on an open agreement
 * page without a reload (Server-Sent Events), a jurisdiction's balances, the ledger's signed head, and the layout on
 * a phone-sized window. Leaves a screenshot of the agreement page in {@code target/portal/agreement-page.png}, or
 * where {@code -Dportal.screenshot=<path>} says (the README's is {@code docs/agreement-page.png}), and one of the
 * agreement's money chart with its table in {@code target/portal/money-chart.png} or {@code -Dportal.money-screenshot}.
 */
@EnabledIfBrowser
class PortalBrowserIT extends PortalTestBase {

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
    void theListRendersAndItsFiltersWork() {
        browser.get(base() + "/");
        assertThat(browser.getTitle()).isEqualTo("Agreements – Basin Ledger");
        assertThat(titles()).contains("Xin'an River ecological compensation, phase 4",
                "Qiantang River flood warning duties", "Taihu Lake joint monitoring at Jinze")
                .noneMatch(t -> t.contains("SECRET"));

        new Select(browser.findElement(By.id("status"))).selectByVisibleText("Terminated");
        browser.findElement(By.cssSelector("form.bl-filters button[type=submit]")).click();
        wait(d -> d.getCurrentUrl().contains("status=TERMINATED"));
        assertThat(titles()).containsExactly("Taihu Lake joint monitoring at Jinze");
        assertThat(new Select(browser.findElement(By.id("status"))).getFirstSelectedOption().getText()).isEqualTo("Terminated");

        browser.get(base() + "/");
        new Select(browser.findElement(By.id("party"))).selectByValue(fixture.ministry.id());
        browser.findElement(By.cssSelector("form.bl-filters button[type=submit]")).click();
        wait(d -> d.getCurrentUrl().contains("party="));
        assertThat(titles()).containsExactly("Xin'an River ecological compensation, phase 4");

        browser.get(base() + "/");
        browser.findElement(By.id("basin")).sendKeys("Qiantang River");
        browser.findElement(By.cssSelector("form.bl-filters button[type=submit]")).click();
        wait(d -> d.getCurrentUrl().contains("basin="));
        assertThat(titles()).contains("Qiantang River flood warning duties")
                .doesNotContain("Qiantang River flood duties", "Taihu Lake joint monitoring at Jinze");

        browser.findElement(By.linkText("Clear filters")).click();
        wait(d -> titles().size() >= 3);
        assertThat(titles()).containsExactlyInAnyOrder("Xin'an River ecological compensation, phase 4",
                "Qiantang River flood warning duties", "Taihu Lake joint monitoring at Jinze");
    }

    @Test
    void theAgreementPageShowsEverythingAndANewAssessmentAppearsWithoutAReload() throws IOException {
        browser.get(base() + "/agreements/" + fixture.inForceId);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Xin'an River ecological compensation, phase 4");
        assertThat(textOf(By.id("agreement-status"))).isEqualTo("In force");
        String parties = textOf(By.cssSelector("#live-content table"));
        assertThat(parties).contains("Huangshan City, Anhui", "Hangzhou City, Zhejiang", "Ministry of Finance", "UTC");
        assertThat(text()).contains("Publish the monthly joint monitoring plan", "Monitoring sections", "Jiekou",
                "Water quality index", "CNY 100,000,000.00", PortalFixture.REASONING, "Settled", "Disputed");
        assertThat(browser.findElements(By.cssSelector(".bl-chart svg rect"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#history-table .bl-leaf a"))).isNotEmpty();
        assertThat(text()).doesNotContain("SECRET");

        wait(d -> "open".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.live")));
        Object marker = ((JavascriptExecutor) browser).executeScript("return window.blMarker = Math.random();");
        int events = browser.findElements(By.cssSelector("#history-table tbody tr")).size();

        // a party submits a year 20% over every baseline and assesses it over the API while the page is open
        PortalFixture.report(http, fixture.inForceId, PortalFixture.YEAR, "2.16", "0.144", "0.030", "1.44", fixture.anhui);
        PortalFixture.assess(http, fixture.inForceId, PortalFixture.YEAR, fixture.zhejiang);

        wait(d -> d.findElements(By.cssSelector("#assessments-table tr[data-period='" + PortalFixture.YEAR + "']")).size() == 1);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.blMarker")).as("no reload").isEqualTo(marker);
        assertThat(browser.findElements(By.cssSelector(".bl-chart svg rect"))).hasSize(2);
        assertThat(browser.findElement(By.id("last-assessment")).getText())
                .isEqualTo("Jiekou (JIEKOU), " + PortalFixture.YEAR + ": did not meet the standard");
        assertThat(text()).contains("1.0200");
        wait(d -> d.findElements(By.cssSelector("#history-table tbody tr")).size() > events);
        wait(d -> d.findElements(By.xpath("//table[@id='history-table']//td[contains(., 'Being logged')]")).isEmpty()
                || refreshFragment());

        wait(d -> d.findElements(By.cssSelector(".bl-updated")).isEmpty());
        browser.manage().window().setSize(new Dimension(1100, 1200));
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1100, (int) Math.min(height + 140, 4000)));
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        Path shot = Path.of(System.getProperty("portal.screenshot", "target/portal/agreement-page.png"));
        Files.createDirectories(shot.toAbsolutePath().getParent());
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(shot, png);
        browser.manage().window().setSize(new Dimension(1280, 1600));
    }

    @Test
    void theAgreementPageShowsMoneyOverTimeAsAChartWithItsTable() {
        browser.get(base() + "/agreements/" + fixture.inForceId);
        wait(d -> "open".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.live")));
        Path shot = Path.of(System.getProperty("portal.money-screenshot", "target/portal/money-chart.png"));
        // found, checked and photographed again if the live script swaps the fragment in between
        wait(d -> {
            WebElement money = d.findElement(By.cssSelector(".bl-money"));
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'start'})", money);
            assertThat(money.findElement(By.tagName("h3")).getText()).startsWith("Money over time, ");
            WebElement chart = money.findElement(By.cssSelector(".bl-chart__svg"));
            assertThat(chart.isDisplayed()).as("the chart is visible").isTrue();
            assertThat(chart.getSize().getWidth()).isPositive();
            assertThat(chart.findElements(By.cssSelector(".bl-chart__bars rect"))).isNotEmpty();
            WebElement table = money.findElement(By.cssSelector(".bl-money-table"));
            assertThat(table.isDisplayed()).as("the table beside it is visible").isTrue();
            assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSizeGreaterThanOrEqualTo(2);
            assertThat(table.getText()).contains("Total");
            try {
                Files.createDirectories(shot.toAbsolutePath().getParent());
                Files.write(shot, money.getScreenshotAs(OutputType.BYTES));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return true;
        });
    }

    @Test
    void onAPhoneThePageFitsTheScreenAndTablesScrollInsideTheirBox() throws IOException {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.get(base() + "/agreements/" + fixture.inForceId);
            Long scrollWidth = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth");
            Long clientWidth = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.clientWidth");
            assertThat(scrollWidth).as("no sideways scrolling of the page").isLessThanOrEqualTo(clientWidth);

            // the chart's labels stay readable (at least 12px of the 14px drawn at full width): the chart scrolls
            // sideways in its own box rather than shrinking
            // in one script: the page's live updates may replace the chart between two WebDriver calls
            Number svgWidth = (Number) ((JavascriptExecutor) browser).executeScript(
                    "const svg = document.querySelector('.bl-chart__svg');"
                            + " svg.scrollIntoView({block: 'start'}); return svg.getBoundingClientRect().width");
            assertThat(svgWidth.doubleValue() / ComplianceChart.WIDTH * 14).isGreaterThanOrEqualTo(12);
            Path shot = Path.of(System.getProperty("portal.phone-screenshot", "target/portal/agreement-chart-phone.png"));
            Files.createDirectories(shot.toAbsolutePath().getParent());
            Files.write(shot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1600));
        }
    }

    @Test
    void theJurisdictionPageShowsBalancesAndTheLedgerPageTheSignedHead() {
        browser.get(base() + "/jurisdictions/" + fixture.anhui.id());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Huangshan City, Anhui");
        String balances = browser.findElement(By.id("balances-table")).getText();
        assertThat(balances).contains("Ministry of Finance", "CNY 300,000,000.00");

        browser.findElement(By.linkText("The ledger")).click();
        wait(d -> d.getTitle().startsWith("The ledger"));
        assertThat(browser.findElement(By.id("tree-size")).getText()).matches("\\d+ events");
        assertThat(browser.findElement(By.id("root-hash")).getText()).matches("[0-9a-f]{64}");
        assertThat(browser.findElement(By.id("signature-check")).getText()).isEqualTo("Signature valid");
    }

    @Test
    void aDraftNeverOpenedIsPageNotFound() {
        browser.get(base() + "/agreements/" + fixture.draftId);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
        assertThat(text()).doesNotContain("SECRET");
    }

    private boolean refreshFragment() {
        browser.navigate().refresh();
        return true;
    }

    private List<String> titles() {
        return browser.findElements(By.cssSelector(".bl-result h3 a")).stream().map(WebElement::getText).toList();
    }

    private String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    /**
     * The element's text, found again if the page's live script swapped its fragment between finding and reading
     * (the stream's first status view can arrive just after the page loads).
     */
    private static String textOf(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(locator).getText());
    }

    private static void wait(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }
}
