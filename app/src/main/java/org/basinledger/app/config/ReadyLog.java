package org.basinledger.app.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One line when the ledger is ready to answer, in every mode (with or without the demo, which loads before it):
 * where the portal, the API and open data are, and where the registrar's token is.
 */
@Component
public class ReadyLog {

    private static final Logger log = LoggerFactory.getLogger(ReadyLog.class);

    private final LedgerProperties properties;
    private final Environment environment;

    public ReadyLog(LedgerProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        log.info(line());
    }

    /** The line: {@code ready: portal http://localhost:<port>/ ...; registrar token: <file or setting>}. */
    String line() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String base = "http://localhost:" + port + "/";
        String token = properties.registrarToken() != null && !properties.registrarToken().isBlank()
                ? "the setting ledger.registrar-token"
                : properties.dataDir().resolve("registrar.token").toAbsolutePath().normalize().toString();
        return "ready: portal " + base + " ; API " + base + "api/v1 (docs " + base + "swagger-ui.html) ; open data "
                + base + "open-data/ ; registrar token: " + token;
    }
}
