package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Anonymous filing is limited per client: past the limit a 429 problem with Retry-After, and nothing is filed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PublicReportThrottleIT {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        String dataDir = Path.of("target", "it-data", "public-report-throttle-" + System.nanoTime()).toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.registrar-token", () -> LedgerDriver.REGISTRAR_TOKEN);
        registry.add("ledger.public-reports.per-client-per-hour", () -> "2");
    }

    @Test
    void aClientFilesAsManyReportsAnHourAsAllowedThenGets429WithRetryAfterAndNothingIsFiled() {
        Http http = new Http(port);
        String water = "Throttled River";
        for (int i = 0; i < 2; i++) {
            Http.Answer filed = http.post("/api/v1/public-reports", PublicReportContract.report(water, null)).send();
            assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        }
        Http.Answer refused = http.post("/api/v1/public-reports", PublicReportContract.report(water, null)).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:basin-ledger:problem:too-many-public-reports");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3_600L);
        assertThat(http.get("/api/v1/public-reports?waterBody=Throttled%20River").send().json().path("totalItems").asLong())
                .isEqualTo(2);
        // the portal's form shares the limit: a page saying so, 429 with Retry-After, nothing filed
        Http.Answer form = http.post("/public-reports/new", "basin=Taihu&place=bridge&category=ODOUR&description=smell"
                + "&day=1&month=1&year=2026").contentType("application/x-www-form-urlencoded").send();
        assertThat(form.status()).isEqualTo(429);
        assertThat(form.header("Retry-After")).isNotBlank();
        assertThat(form.body()).contains("Too many reports from your connection", "Nothing was sent");
        // reads are not limited, nor are writes with a token
        assertThat(http.get("/api/v1/public-reports").send().status()).isEqualTo(200);
    }
}
