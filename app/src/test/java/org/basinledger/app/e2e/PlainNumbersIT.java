package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Decimals come back in plain notation whatever form they were sent in ({@code 10}, {@code 1e1}, {@code 100.0}):
 * in answers and in the stored events the history shows (issue 12, first part).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlainNumbersIT {

    /** A JSON string that is a number in scientific notation, such as {@code "1E+1"}. */
    private static final String SCIENTIFIC = "\"[-+]?\\d+(\\.\\d+)?[eE][-+]?\\d+\"";

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        String dataDir = Path.of("target", "it-data", "plain-" + System.nanoTime()).toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.registrar-token", () -> LedgerDriver.REGISTRAR_TOKEN);
    }

    @LocalServerPort
    int port;

    @Test
    void decimalsSentInAnyNotationAreAnsweredAndStoredInPlainNotation() {
        Http http = new Http(port);
        LedgerDriver ledger = new LedgerDriver(http);
        Government upstream = ledger.register("CN-P1");
        Government downstream = ledger.register("CN-P2");
        int year = LocalDate.now().minusYears(1).getYear();
        String agreementId = Scenarios.signedInForce(ledger, LedgerDriver.draftBody(LocalDate.of(year, 1, 1),
                LocalDate.now().plusYears(2), upstream, downstream), upstream, downstream);
        Map<String, Object> report = Scenarios.monthlyReport("JIEKOU", year, 6,
                Map.of("CODMN", "1e1", "NH3N", "100.0", "TP", "0.10"), "10");

        Http.Answer submitted = http.post("/api/v1/agreements/" + agreementId + "/monitoring-reports", report)
                .token(upstream.token()).send();
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        assertThat(submitted.body()).doesNotContainPattern(SCIENTIFIC);

        JsonNode reports = http.get("/api/v1/agreements/" + agreementId + "/monitoring-reports?sectionId=JIEKOU")
                .token(downstream.token()).send().json();
        assertThat(reports.toString()).doesNotContainPattern(SCIENTIFIC).contains("\"10\"");
        String history = http.get("/api/v1/agreements/" + agreementId + "/history?limit=500")
                .token(downstream.token()).send().body();
        assertThat(history).contains("MonitoringReportSubmitted").doesNotContainPattern(SCIENTIFIC);
    }
}
