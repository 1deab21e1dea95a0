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
 * The portal's incident tests, on a ledger of their own (not the shared {@link PortalFixture}'s, whose tests count
 * its agreements): their agreements and incidents never show on the other portal tests' pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class IncidentPortalTestBase {

    static final Path DATA_DIR = Path.of("target", "it-data", "portal-incidents-" + ProcessHandle.current().pid());

    @LocalServerPort
    int port;

    Http http;
    LedgerDriver ledger;

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", DATA_DIR::toString);
        registry.add("ledger.registrar-token", () -> LedgerDriver.REGISTRAR_TOKEN);
        // the browser closes a page's streams when it leaves the page, but the ledger notices a closed stream only at
        // its next write (a heartbeat, at most 15 s later): loading many pages in a few seconds from one address
        // would meet the per-client bound (8) that real readers clicking through pages rarely reach
        registry.add("ledger.streams.per-client", () -> "64");
    }

    @BeforeEach
    void connect() {
        http = new Http(port);
        ledger = new LedgerDriver(http);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }
}
