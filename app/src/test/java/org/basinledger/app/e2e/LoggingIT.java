package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.basinledger.app.BasinLedgerApplication;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The registrar token, generated on first start into the data directory, is used and never logged, and every
 * log line of a request carries the request's id.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoggingIT {

    @Test
    void theGeneratedRegistrarTokenIsWrittenOwnerOnlyAndNeverLoggedAndLogLinesCarryTheRequestId(CapturedOutput output)
            throws Exception {
        Path dataDir = Path.of("target", "it-data", "logging-" + System.nanoTime());
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BasinLedgerApplication.class)
                .run("--server.port=0", "--ledger.data-dir=" + dataDir)) {
            Path tokenFile = dataDir.resolve("registrar.token");
            String token = Files.readString(tokenFile).strip();
            assertThat(Files.getPosixFilePermissions(tokenFile)).extracting(Enum::name)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

            Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
            Http.Answer registered = http.post("/api/v1/jurisdictions", Map.of("id", "CN-SH", "name", "Shanghai",
                    "level", "PROVINCE", "publicKey", Keys.generate().publicKeyBase64()))
                    .token(token).header("X-Request-Id", "req-log-check-1").send();
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            Http.Answer refused = http.post("/api/v1/mediators", Map.of("id", "M", "name", "M"))
                    .token(token + "x").header("X-Request-Id", "req-log-check-2").send();
            assertThat(refused.status()).isEqualTo(401);

            assertThat(output.getAll()).doesNotContain(token);
            // a first start warns of nothing
            assertThat(output.getAll().lines().filter(l -> l.contains(" WARN ") && l.contains("[           main]")))
                    .isEmpty();
            // one line says the ledger is ready, where its pages are and where the registrar's token is
            String port = String.valueOf(((WebServerApplicationContext) app).getWebServer().getPort());
            assertThat(output.getAll().lines().filter(l -> l.contains("ready: portal")).toList()).singleElement()
                    .asString().contains("ready: portal http://localhost:" + port + "/ ", "open-data/",
                            "registrar token: " + tokenFile.toAbsolutePath().normalize());
            assertThat(output.getAll()).containsPattern("\\[req-log-check-1\\].*applied RegisterJurisdictionCommand");
        }
    }
}
