package org.basinledger.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/**
 * The incidents in the public portal, as a browser without JavaScript gets them (issue 14): the banner of open
 * incidents on the home page and on the agreement page, rendered on the server with every text escaped and the
 * addresses its script uses (the incident stream, the banner fragment); closed incidents leave it; each
 * jurisdiction's page shows its incident record.
 */
class IncidentPortalIT extends IncidentPortalTestBase {

    private static final String HOSTILE = "Oil sheen <script>alert('x')</script> & foam";

    @Test
    void theBannerShowsOpenIncidentsEscapedAndTheJurisdictionPageItsRecord() {
        Government upstream = ledger.register("CN-AH-CZ");
        Government downstream = ledger.register("CN-JS-NJ");
        Map<String, Object> body = LedgerDriver.draftBody(LocalDate.now().minusYears(1), LocalDate.now().plusYears(2),
                upstream, downstream);
        Map<String, Object> within = new LinkedHashMap<>();
        within.put("BLUE", "P1D");
        within.put("YELLOW", "PT12H");
        within.put("ORANGE", "PT6H");
        within.put("RED", "PT1H");
        Scenarios.terms(body).put("emergency", Map.of("acknowledgeWithin", within));
        String agreementId = Scenarios.signedInForce(ledger, body, upstream, downstream);
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("sectionId", "JIEKOU");
        incident.put("level", "ORANGE");
        incident.put("pollutant", "<b>oil</b>");
        incident.put("description", HOSTILE);
        incident.put("detectedAt", Instant.now().minus(Duration.ofMinutes(5)).toString());
        incident.put("evidence", List.of(Scenarios.evidence("aerial photograph")));
        Http.Answer raised = http.post("/api/v1/agreements/" + agreementId + "/incidents", incident)
                .token(upstream.token()).send();
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        String incidentId = raised.json().path("id").asText();

        for (String page : List.of("/", "/agreements/" + agreementId, "/incidents/banner",
                "/incidents/banner?agreementId=" + agreementId)) {
            Http.Answer answer = http.get(page).header("Accept", "text/html").send();
            assertThat(answer.status()).as(page).isEqualTo(200);
            String html = answer.body();
            assertThat(html).as(page).contains("id=\"incident-banner\"", "data-incident=\"" + incidentId + "\"",
                    "Oil sheen &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; foam", "(&lt;b&gt;oil&lt;/b&gt;)",
                    "ORANGE", "notices acknowledged: <span>0 of 1</span>", "data-stream=\"/api/v1/incidents/stream");
            assertThat(html).as(page).doesNotContain("<script>alert", "<b>oil</b>");
        }
        assertThat(http.get("/agreements/" + agreementId).send().body())
                .contains("data-fragment=\"/incidents/banner?agreementId=" + agreementId + "\"",
                        "data-stream=\"/api/v1/incidents/stream?agreementId=" + agreementId + "\"");
        assertThat(http.get("/").send().body())
                .contains("data-fragment=\"/incidents/banner\"", "data-stream=\"/api/v1/incidents/stream\"");
        assertThat(http.get("/incidents/banner?agreementId=NO-SUCH").header("Accept", "text/html").send().status())
                .isEqualTo(404);

        // acknowledged and then closed: the banner says so, then shows it no more
        http.post("/api/v1/incidents/" + incidentId + "/acknowledgement", Map.of()).token(downstream.token()).send();
        assertThat(http.get("/agreements/" + agreementId).send().body())
                .contains("notices acknowledged: <span>1 of 1</span>");
        String record = http.get("/jurisdictions/" + downstream.id()).send().body();
        assertThat(record).contains("Incident record", "id=\"incident-record-notices\">1<",
                "id=\"incident-record-in-time\">1<", "id=\"incident-record-missed\">0<");
        Http.Answer closed = http.post("/api/v1/incidents/" + incidentId + "/closure", Map.of("summary", "Cleaned up"))
                .token(upstream.token()).send();
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        String after = http.get("/agreements/" + agreementId).send().body();
        assertThat(after).contains("id=\"incident-banner\"", "No incident is open under this agreement")
                .doesNotContain("data-incident=\"" + incidentId + "\"");
        assertThat(http.get("/").send().body()).doesNotContain("data-incident=\"" + incidentId + "\"");
    }
}
