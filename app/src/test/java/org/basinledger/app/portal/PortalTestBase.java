package org.basinledger.app.portal;

import java.nio.file.Path;

import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The portal's tests share one application (H2 under one data directory per test JVM) and one set of agreements
 * ({@link PortalFixture}), made over the HTTP API the first time a test needs them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class PortalTestBase {

    static final Path DATA_DIR = Path.of("target", "it-data", "portal-" + ProcessHandle.current().pid());

    @LocalServerPort
    int port;

    Http http;
    LedgerDriver ledger;
    PortalFixture fixture;

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", DATA_DIR::toString);
        registry.add("ledger.registrar-token", () -> LedgerDriver.REGISTRAR_TOKEN);
        // the pages' tests file and erase several public reports from one address (PublicReportThrottleIT tests the limit)
        registry.add("ledger.public-reports.per-client-per-hour", () -> "1000");
        // the browser tests' pages each open a stream; the ledger notices a closed one only at its next heartbeat
        // (at most 15 s later), so the page tests that follow in this context would meet the per-client bound (8)
        registry.add("ledger.streams.per-client", () -> "64");
    }

    @BeforeEach
    void connect() {
        http = new Http(port);
        ledger = new LedgerDriver(http);
        fixture = PortalFixture.of(ledger);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }
}
