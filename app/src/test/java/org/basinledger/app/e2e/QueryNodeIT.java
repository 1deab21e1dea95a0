package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A node with {@code ledger.node.role: query} answers reads and refuses every write with 421, applying nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueryNodeIT {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        String dataDir = Path.of("target", "it-data", "query-node-" + System.nanoTime()).toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.registrar-token", () -> LedgerDriver.REGISTRAR_TOKEN);
        registry.add("ledger.node.role", () -> "query");
    }

    @Test
    void readsAreAnsweredAndWritesRefusedWith421() {
        Http http = new Http(port);
        Http.Answer register = http.post("/api/v1/jurisdictions", Map.of("id", "CN-QN", "name", "Query node",
                "level", "PROVINCE", "publicKey", "not checked: refused first")).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(register.status()).as(register.toString()).isEqualTo(421);
        assertThat(register.contentType()).startsWith("application/problem+json");
        assertThat(register.json().path("type").asText()).isEqualTo("urn:basin-ledger:problem:read-only-node");
        Http.Answer filing = http.post("/api/v1/public-reports", PublicReportContract.report("Quiet River", null)).send();
        assertThat(filing.status()).as(filing.toString()).isEqualTo(421);

        Http.Answer jurisdictions = http.get("/api/v1/jurisdictions").send();
        assertThat(jurisdictions.status()).isEqualTo(200);
        assertThat(jurisdictions.body()).as("nothing was registered").doesNotContain("CN-QN");
        Http.Answer reports = http.get("/api/v1/public-reports?waterBody=Quiet%20River").send();
        assertThat(reports.status()).isEqualTo(200);
        assertThat(reports.json().path("totalItems").asLong()).as("nothing was filed").isZero();
        assertThat(http.get("/api/v1/agreements").send().status()).isEqualTo(200);
    }
}
