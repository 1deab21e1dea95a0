package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.basinledger.app.support.InProcessLedger.port;
import static org.basinledger.app.support.InProcessLedger.start;

import java.nio.file.Files;
import java.nio.file.Path;

import org.basinledger.app.config.LedgerSigningKey;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A ledger started with a signing key other than the one its heads are signed with (a node given a key of its own,
 * a key file lost and generated anew) refuses to start, saying which keys differ, instead of starting and holding
 * every write at its first scheduled verification; with its own key it starts again.
 */
class SigningKeyMismatchIT {

    @Test
    void aStartWithAnotherKeyIsRefusedAndTheLedgersOwnKeyStillStarts() throws Exception {
        Path dataDir = Path.of("target", "it-data", "signing-key-mismatch-" + System.nanoTime());
        String keyId;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            LedgerDriver ledger = new LedgerDriver(new Http(port(first)));
            ledger.register("CN-AH-HS");
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            LedgerIntegrityContract.await(() -> jdbc.queryForObject("select count(*) from ledger_head", Long.class) > 0
                    ? Boolean.TRUE : null);
            keyId = ledger.http().get("/api/v1/ledger/key").send().json().path("keyId").asText();
        }

        // another node's key (generated in a directory of its own, as a node without a shared key would)
        Path otherDir = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-other-key"));
        LedgerSigningKey other = LedgerSigningKey.load(otherDir, "");
        assertThat(other.keyId()).isNotEqualTo(keyId);
        Path otherKey = otherDir.resolve(LedgerSigningKey.FILE_NAME);
        assertThatThrownBy(() -> start(dataDir, "--ledger.signing-key-path=" + otherKey).close())
                .hasStackTraceContaining("was signed with key " + keyId)
                .hasStackTraceContaining("not with this node's key " + other.keyId());

        // the key file lost: a new one would be generated; the start is refused the same way, and the data is kept
        Path keyFile = dataDir.resolve(LedgerSigningKey.FILE_NAME);
        Path kept = Files.move(keyFile, dataDir.resolveSibling(dataDir.getFileName() + "-kept-key.pem"));
        assertThatThrownBy(() -> start(dataDir).close()).hasStackTraceContaining("was signed with key " + keyId);

        // the ledger's own key restored: it starts, and its heads still verify under it
        Files.delete(keyFile);
        Files.move(kept, keyFile);
        try (ConfigurableApplicationContext again = start(dataDir)) {
            Http http = new Http(port(again));
            assertThat(http.get("/api/v1/ledger/key").send().json().path("keyId").asText()).isEqualTo(keyId);
            Http.Answer verification = http.get("/api/v1/ledger/verification").token(LedgerDriver.REGISTRAR_TOKEN).send();
            assertThat(verification.status()).isEqualTo(200);
            assertThat(verification.json().path("ok").asBoolean()).isTrue();
        }
    }
}
