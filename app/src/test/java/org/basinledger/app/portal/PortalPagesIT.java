package org.basinledger.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.basinledger.app.config.LedgerSigningKey;
import org.basinledger.app.support.Http;
import org.junit.jupiter.api.Test;

/**
 * The public pages over plain HTTP, as a browser without JavaScript gets them: each renders, shows what the public
 * may see, and leaks nothing else (drafts never opened, amendments not yet opened, dispute claims and statements,
 * tokens, private keys). And the agreement stream of API.md: an initial status view, then one per change.
 */
class PortalPagesIT extends PortalTestBase {

    @Test
    void everyPublicPageRendersAsAccessibleHtmlAndLeaksNothingPrivate() throws IOException {
        List<String> forbidden = new ArrayList<>(List.of(PortalFixture.SECRET_DRAFT_TITLE,
                PortalFixture.SECRET_DRAFT_TEXT, PortalFixture.SECRET_AMENDED_TITLE, PortalFixture.OPEN_CLAIM,
                PortalFixture.OPEN_STATEMENT, PortalFixture.RULED_CLAIM, PortalFixture.RULED_STATEMENT,
                "SECRET", "PRIVATE KEY", fixture.draftId));
        forbidden.addAll(fixture.tokens);
        forbidden.addAll(fixture.privateKeys);
        String ledgerKey = Files.readString(DATA_DIR.resolve(LedgerSigningKey.FILE_NAME))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        assertThat(ledgerKey).isNotBlank();
        forbidden.add(ledgerKey);
        forbidden.add(ledgerKey.substring(0, 40));

        List<String> pages = new ArrayList<>(List.of("/", "/?status=IN_FORCE", "/?status=DRAFT",
                "/?party=" + fixture.anhui.id(), "/?basin=Taihu+Lake", "/ledger",
                "/agreements/" + fixture.inForceId, "/agreements/" + fixture.inForceId + "/fragment",
                "/agreements/" + fixture.openId, "/agreements/" + fixture.terminatedId, "/open-data/", "/ledger/leaves/0"));
        for (PortalFixtureParty party : PortalFixtureParty.values()) {
            pages.add("/jurisdictions/" + party.of(fixture).id());
        }
        for (String page : pages) {
            Http.Answer answer = http.get(page).header("Accept", "text/html").send();
            assertThat(answer.status()).as(page).isEqualTo(200);
            assertThat(answer.contentType()).as(page).startsWith("text/html");
            String html = answer.body();
            for (String secret : forbidden) {
                assertThat(html).as("%s must not show %s", page, secret).doesNotContain(secret);
            }
            if (!page.endsWith("/fragment")) {
                assertThat(html).as(page).contains("<html lang=\"en\"", "class=\"govuk-skip-link\"",
                        "id=\"main-content\"", "name=\"viewport\"", "<h1 ");
                assertThat(answer.header("Content-Security-Policy")).as(page).contains("script-src 'self'");
                assertHeadingsInOrder(page, html);
            }
        }
    }

    @Test
    void aDraftNeverOpenedIsNotFoundAndSoIsAnUnknownPage() {
        for (String page : List.of("/agreements/" + fixture.draftId, "/agreements/" + fixture.draftId + "/fragment",
                "/agreements/no-such-agreement", "/jurisdictions/NO-SUCH")) {
            Http.Answer answer = http.get(page).header("Accept", "text/html").send();
            assertThat(answer.status()).as(page).isEqualTo(404);
            assertThat(answer.contentType()).as(page).startsWith("text/html");
            assertThat(answer.body()).contains("Page not found").doesNotContain(PortalFixture.SECRET_DRAFT_TITLE);
        }
        // even with a party's token: the portal is the public's view
        Http.Answer asParty = http.get("/agreements/" + fixture.draftId).token(fixture.anhui.token()).send();
        assertThat(asParty.status()).isEqualTo(404);
    }

    @Test
    void theAgreementPageShowsPartiesTermsObligationsChartTransfersRulingsAndLeafIndexes() {
        String html = http.get("/agreements/" + fixture.inForceId).send().body();
        assertThat(html).contains("Xin&#39;an River ecological compensation, phase 4", "In force",
                "Huangshan City, Anhui", "Hangzhou City, Zhejiang", "Ministry of Finance", "Upstream", "Downstream",
                "Publish the monthly joint monitoring plan", "Pending",
                "Water-quality index P at Jiekou (JIEKOU)", "<svg", "role=\"img\"", "The figures as a table",
                String.valueOf(PortalFixture.YEAR - 1), "0.8500",
                "CNY 300,000,000.00", "Settled", "Disputed", "CNY 100,000,000.00",
                "Dismissed on", PortalFixture.REASONING,
                "Agreement drafted", "Assessment recorded", "Dispute ruled", "/ledger/leaves/",
                "Monitoring sections", "Water quality index", "Stability coefficient k");
        assertThat(html).contains("Disputes awaiting a ruling");

        // a rejection sent it back to draft: private again until it is reopened
        Http.Answer redrafted = http.get("/agreements/" + fixture.redraftedId).header("Accept", "text/html").send();
        assertThat(redrafted.status()).isEqualTo(404);
        assertThat(redrafted.body()).doesNotContain("Qiantang River flood duties", PortalFixture.SECRET_AMENDED_TITLE);

        String open = http.get("/agreements/" + fixture.openId).send().body();
        assertThat(open).contains("Open for signature", "Not signed", "published once the agreement has entered into force");
    }

    @Test
    void theLedgersOwnStepsAreShownAsTheLedgers() {
        String html = http.get("/agreements/" + fixture.inForceId).send().body();
        for (String type : List.of("AgreementEnteredIntoForce", "FixedContributionFellDue")) {
            List<String> rows = rows(html, type);
            assertThat(rows).as(type).isNotEmpty()
                    .allSatisfy(row -> assertThat(row).contains("The ledger (deadline)").doesNotContain("(party)"));
        }
        assertThat(rows(html, "AgreementSigned")).isNotEmpty().allSatisfy(row -> assertThat(row)
                .containsAnyOf("Huangshan City, Anhui (party)", "Hangzhou City, Zhejiang (party)",
                        "Ministry of Finance (party)"));
    }

    @Test
    void aPendingNoticeOfTerminationIsShownWithTheDayItTakesEffectUntilItIsWithdrawn() {
        // parties of its own, so the fixture's jurisdiction pages and lists stay as they are
        var upstream = ledger.register("CN-AH-WH");
        var downstream = ledger.register("CN-ZJ-JH");
        java.util.Map<String, Object> body = org.basinledger.app.support.LedgerDriver.draftBody(
                java.time.LocalDate.of(PortalFixture.YEAR - 1, 1, 1), java.time.LocalDate.of(PortalFixture.YEAR + 3, 12, 31),
                upstream, downstream);
        body.put("title", "Notice test agreement");
        body.put("basin", "Notice test basin");
        org.basinledger.app.support.Scenarios.terms(body).put("terminationNoticeDays", 60);
        String id = org.basinledger.app.support.Scenarios.signedInForce(ledger, body, upstream, downstream);
        JsonNode noticed = http.post("/api/v1/agreements/" + id + "/termination",
                java.util.Map.of("reason", "Replaced by the basin-wide agreement")).token(downstream.token())
                .send().json();
        java.time.Instant effectiveAt = java.time.Instant.parse(noticed.path("terminationEffectiveAt").asText());
        String day = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)
                .format(org.basinledger.api.common.LedgerCalendar.dateOf(effectiveAt));

        String html = http.get("/agreements/" + id).send().body();
        assertThat(html).contains("Notice of termination", day, "China Standard Time", "16:00 UTC", "In force",
                "Agreement termination notice given");

        http.post("/api/v1/agreements/" + id + "/termination/withdrawal", null).token(downstream.token()).send();
        assertThat(http.get("/agreements/" + id).send().body()).doesNotContain("Notice of termination")
                .contains("Agreement termination notice withdrawn");
    }

    @Test
    void publicPagesSpeakInWordsNotCodes() {
        String html = http.get("/agreements/" + fixture.inForceId).send().body();
        assertThat(html).contains("permanganate index (CODMn), mg/L", "ammonia nitrogen (NH3-N), mg/L",
                "total phosphorus (TP), mg/L", "total nitrogen (TN), mg/L", "Jiekou (JIEKOU)",
                "<span lang=\"zh\">新安江流域上下游横向生态补偿协议</span>", "Upstream", "Water quality index");
        assertThat(html).doesNotContain(">CODMN", "CODMN:", "at section JIEKOU", "jurisdiction:", "(jurisdiction)");
        // a leaf's link explains its proof instead of opening raw JSON
        assertThat(html).doesNotContain("href=\"/api/v1/ledger/proofs/inclusion");
    }

    @Test
    void aLeafPageExplainsItsInclusionProofAndLinksTheJson() {
        String html = http.get("/agreements/" + fixture.inForceId).send().body();
        java.util.regex.Matcher leaf = java.util.regex.Pattern.compile("href=\"/ledger/leaves/(\\d+)\"").matcher(html);
        assertThat(leaf.find()).isTrue();
        Http.Answer page = http.get("/ledger/leaves/" + leaf.group(1)).send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Event at leaf " + leaf.group(1), "The proof holds", "id=\"leaf-hash\"",
                "How the proof works", "/api/v1/ledger/proofs/inclusion?leafIndex=" + leaf.group(1));
        for (String unknown : List.of("/ledger/leaves/99999999", "/ledger/leaves/-1", "/ledger/leaves/abc")) {
            Http.Answer missing = http.get(unknown).header("Accept", "text/html").send();
            assertThat(missing.status()).as(unknown).isEqualTo(404);
            assertThat(missing.body()).as(unknown).contains("Page not found");
        }
    }

    @Test
    void theHistorySaysWhenEachFactWasRecordedAndWhenItHappened() {
        String html = http.get("/agreements/" + fixture.inForceId).send().body();
        assertThat(html).contains(">Recorded</th>", ">Happened</th>");
        // paid on the 15th of January, recorded today
        assertThat(rows(html, "TransferPaid")).isNotEmpty()
                .anySatisfy(row -> assertThat(row).contains("15 January " + PortalFixture.YEAR));
        assertThat(rows(html, "MonitoringReportSubmitted")).isNotEmpty()
                .allSatisfy(row -> assertThat(row).containsPattern("period \\d{4}-\\d\\d"))
                .anySatisfy(row -> assertThat(row).contains("period " + (PortalFixture.YEAR - 1) + "-06"));
        assertThat(rows(html, "AgreementEnteredIntoForce")).singleElement().asString()
                .contains("1 January " + (PortalFixture.YEAR - 1));
    }

    /** The history table's rows of one event type. */
    private static List<String> rows(String html, String type) {
        return java.util.regex.Pattern.compile("<tr[^>]*data-type=\"" + type + "\".*?</tr>",
                java.util.regex.Pattern.DOTALL).matcher(html).results().map(java.util.regex.MatchResult::group).toList();
    }

    @Test
    void theOpenDataIndexListsEveryDownloadWithItsLicenceFieldsAndUpdateTimeAsAPageAndAsJson() throws IOException {
        String html = http.get("/open-data/").header("Accept", "text/html").send().body();
        assertThat(html).contains("rel=\"license\"", "creativecommons.org/licenses/by/4.0/", "Last changed",
                "<time datetime=", "/open-data/agreements/{id}/record.json", "index.json", "recordUrl", "excessTonnesTN");
        // the header and footer of every page link it
        String home = http.get("/").send().body();
        assertThat(java.util.regex.Pattern.compile("href=\"/open-data/\"").matcher(home).results().count())
                .isEqualTo(2);

        Http.Answer asJson = http.get("/open-data/").header("Accept", "application/json").send();
        assertThat(asJson.status()).isEqualTo(200);
        assertThat(asJson.contentType()).startsWith("application/json");
        JsonNode index = asJson.json();
        assertThat(http.get("/open-data/index.json").send().json()).isEqualTo(index);
        assertThat(index.path("licence").path("url").asText()).isEqualTo("https://creativecommons.org/licenses/by/4.0/");
        assertThat(index.path("updatedAt").asText()).isNotBlank();
        assertThat(index.path("downloads")).extracting(d -> d.path("id").asText())
                .containsExactly("agreements", "transfers", "assessments", "rulings", "incidents", "jurisdictions", "public-reports",
                        "public-report-statistics", "emission-schemes", "emission-holdings", "emission-trades",
                        "emission-compliance", "record");
        for (JsonNode download : index.path("downloads")) {
            assertThat(download.path("fields")).as(download.toString()).isNotEmpty();
            for (JsonNode distribution : download.path("distributions")) {
                String url = distribution.path("url").asText().replace("{id}", fixture.inForceId);
                assertThat(html).contains(distribution.path("url").asText());
                Http.Answer file = http.get(url).send();
                assertThat(file.status()).as(url).isEqualTo(200);
                assertThat(file.contentType()).as(url).startsWith(distribution.path("mediaType").asText());
                if (distribution.path("format").asText().equals("CSV")) {
                    // RFC 4180: the writer may quote a long name
                    String header = file.body().lines().findFirst().orElseThrow().replace("\"", "");
                    assertThat(header).as(url).isEqualTo(String.join(",",
                            new ObjectMapper().convertValue(download.path("fields"), String[].class)));
                }
            }
        }
    }

    @Test
    void theListFiltersByStatusPartyAndBasin() {
        assertThat(http.get("/?status=TERMINATED").send().body())
                .contains("Taihu Lake joint monitoring at Jinze").doesNotContain("phase 4");
        assertThat(http.get("/?basin=Qiantang+River").send().body())
                .contains("Qiantang River flood warning duties").doesNotContain("Jinze");
        // as people type it: any case, with or without the apostrophe
        for (String typed : List.of("xinan+river", "XIN%27AN+RIVER", "Xin%E2%80%99an+River")) {
            assertThat(http.get("/?basin=" + typed).send().body()).as(typed).contains("phase 4").doesNotContain("Jinze");
        }
        assertThat(http.get("/?party=" + fixture.ministry.id()).send().body())
                .contains("phase 4").doesNotContain("Jinze", "Qiantang");
        assertThat(http.get("/?status=NOT-A-STATUS").send().body()).contains("Choose a status from the list");
    }

    @Test
    void theAgreementAndJurisdictionPagesChartMoneyOverTimeWithTheExactSumsInATable() {
        // what the API says: the sums the charts' tables must show, to the cent
        JsonNode transfers = http.get("/api/v1/transfers?agreementId=" + fixture.inForceId + "&size=100").send().json()
                .path("items");
        BigDecimal created = BigDecimal.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal paidToAnhui = BigDecimal.ZERO;
        for (JsonNode t : transfers) {
            BigDecimal amount = new BigDecimal(t.path("amount").path("amount").asText());
            created = created.add(amount);
            if (t.hasNonNull("paidAt")) {
                paid = paid.add(amount);
                if (t.path("payee").asText().equals(fixture.anhui.id())) {
                    paidToAnhui = paidToAnhui.add(amount);
                }
            }
        }
        assertThat(paid.signum()).isPositive();
        assertThat(paidToAnhui.signum()).isPositive();
        assertThat(created).isGreaterThan(paid);
        DecimalFormat amounts = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.UK));

        String agreement = http.get("/agreements/" + fixture.inForceId).send().body();
        String money = section(agreement, "id=\"money-CNY\"");
        assertThat(money).contains("Money over time, CNY", "<svg", "role=\"img\"", "The amounts as a table",
                "Transfers created (CNY)", "Paid (CNY)", "Total");
        assertThat(money).contains("<strong>" + amounts.format(created) + "</strong>",
                "<strong>" + amounts.format(paid) + "</strong>");
        assertThat(http.get("/agreements/" + fixture.inForceId + "/fragment").send().body()).contains("id=\"money-CNY\"");
        // before it is in force, its money is not public: no chart
        assertThat(http.get("/agreements/" + fixture.openId).send().body()).doesNotContain("Money over time");

        String anhui = http.get("/jurisdictions/" + fixture.anhui.id()).send().body();
        String anhuiMoney = section(anhui, "id=\"money-CNY\"");
        assertThat(anhuiMoney).contains("Money over time, CNY", "<svg", "What Huangshan City, Anhui paid and received",
                "Received (CNY)", "<strong>" + amounts.format(paidToAnhui) + "</strong>");
        String ministry = http.get("/jurisdictions/" + fixture.ministry.id()).send().body();
        assertThat(section(ministry, "id=\"money-CNY\"")).contains("Paid (CNY)",
                "<strong>" + amounts.format(paidToAnhui) + "</strong>");
        assertThat(http.get("/jurisdictions/" + fixture.zhejiang.id()).send().body())
                .contains("Money over time", "has paid and received nothing yet");
    }

    /** The part of {@code html} from {@code start} to the end of its table. */
    private static String section(String html, String start) {
        int from = html.indexOf(start);
        assertThat(from).as(start).isNotNegative();
        return html.substring(from, html.indexOf("</table>", from));
    }

    @Test
    void theJurisdictionAndLedgerPagesShowBalancesAndTheSignedHead() {
        String anhui = http.get("/jurisdictions/" + fixture.anhui.id()).send().body();
        assertThat(anhui).contains("Huangshan City, Anhui", "Balances", "Ministry of Finance", "CNY 300,000,000.00",
                "Taihu Lake joint monitoring at Jinze", fixture.anhui.keyId());
        // the page as rendered while the head stayed the same (the integrity log may still be logging the writes of
        // a test before, a little later than they were answered: docs/operations.md, ledger.integrity-log.linger)
        String ledgerPage;
        JsonNode head;
        JsonNode after;
        int attempts = 0;
        do {
            head = http.get("/api/v1/ledger/head").send().json();
            ledgerPage = http.get("/ledger").send().body();
            after = http.get("/api/v1/ledger/head").send().json();
        } while (!head.equals(after) && ++attempts < 100);
        assertThat(after).isEqualTo(head);
        assertThat(ledgerPage).contains("Current signed head", "Signature valid", "openssl pkeyutl -verify");
        assertThat(ledgerPage).contains(head.path("rootHash").asText().substring(0, 16));

        // a visitor keeps the head: the download is the head the API serves, signed, as a named file
        assertThat(ledgerPage).contains("Keep this head", "/ledger/head.json", "--head basin-ledger-head-");
        Http.Answer download = http.get("/ledger/head.json").send();
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType()).startsWith("application/json");
        JsonNode kept = download.json();
        JsonNode now = http.get("/api/v1/ledger/head").send().json();
        assertThat(kept.path("treeSize").asLong()).isLessThanOrEqualTo(now.path("treeSize").asLong());
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"basin-ledger-head-"
                + kept.path("treeSize").asLong() + ".json\"");
        JsonNode keptHead = http.get("/api/v1/ledger/heads/" + kept.path("treeSize").asLong()).send().json();
        assertThat(kept).isEqualTo(keptHead);
    }

    @Test
    void theStreamSendsTheStatusViewThenAnUpdateAfterEachChange() throws Exception {
        assertThat(http.get("/api/v1/agreements/" + fixture.draftId + "/stream").send().status()).isEqualTo(404);

        java.util.Map<String, Object> body = org.basinledger.app.support.LedgerDriver.draftBody(
                java.time.LocalDate.of(PortalFixture.YEAR + 2, 1, 1), java.time.LocalDate.of(PortalFixture.YEAR + 3, 1, 1),
                fixture.anhui, fixture.zhejiang);
        body.put("title", "Stream test agreement");
        String id = ledger.draft(fixture.anhui, body).path("id").asText();
        ledger.open(fixture.anhui, id);
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                        URI.create(base() + "/api/v1/agreements/" + id + "/stream"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        events.add(new ObjectMapper().readTree(line.substring(5)));
                    }
                }
            } catch (IOException ignored) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            JsonNode initial = events.poll(10, TimeUnit.SECONDS);
            assertThat(initial).as("initial status view").isNotNull();
            assertThat(initial.path("id").asText()).isEqualTo(id);
            assertThat(initial.path("status").asText()).isEqualTo("OPEN_FOR_SIGNATURE");
            assertThat(initial.path("parties").path(1).path("signedAt").isNull()).isTrue();

            assertThat(ledger.sign(fixture.zhejiang, id, true).status()).isEqualTo(200);
            JsonNode update = events.poll(10, TimeUnit.SECONDS);
            assertThat(update).as("an update after the signature").isNotNull();
            assertThat(update.path("parties").path(1).path("signedAt").isTextual()).isTrue();
            assertThat(update.path("version").asLong()).isGreaterThan(initial.path("version").asLong());
        } finally {
            response.body().close();
        }
    }

    /** No heading level is skipped on the way down (h1 → h3 without an h2 is a failure). */
    private static void assertHeadingsInOrder(String page, String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<h([1-6])[ >]").matcher(html);
        int previous = 0;
        while (m.find()) {
            int level = Integer.parseInt(m.group(1));
            assertThat(level).as("%s: heading h%d after h%d", page, level, previous).isLessThanOrEqualTo(previous + 1);
            previous = level;
        }
        assertThat(Stream.of(html.split("<h1 ")).count()).as("%s has one h1", page).isEqualTo(2);
    }

    /** The fixture's three governments, for iterating over their pages. */
    enum PortalFixtureParty {
        ANHUI, ZHEJIANG, MINISTRY;

        org.basinledger.app.support.LedgerDriver.Government of(PortalFixture fixture) {
            return switch (this) {
                case ANHUI -> fixture.anhui;
                case ZHEJIANG -> fixture.zhejiang;
                case MINISTRY -> fixture.ministry;
            };
        }
    }

}
