package org.basinledger.app.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code ledger.*}.
 *
 * @param dataDir               where the embedded database, the registrar token and (later) the ledger key live
 * @param registrarToken        the registrar's bearer token; generated into {@code <dataDir>/registrar.token} when blank
 * @param maxRequestBytes       largest request body accepted; larger ones get 413
 * @param readAfterWriteTimeout how long a write waits for the read models to include it before answering anyway
 * @param failedLoginsPerMinute how many refused bearer tokens one client may send a minute before it gets 429s
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(Path dataDir, String registrarToken, long maxRequestBytes,
                               Duration readAfterWriteTimeout, long failedLoginsPerMinute) {

    public LedgerProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        maxRequestBytes = maxRequestBytes <= 0 ? 1_048_576 : maxRequestBytes;
        readAfterWriteTimeout = readAfterWriteTimeout == null ? Duration.ofSeconds(5) : readAfterWriteTimeout;
        failedLoginsPerMinute = failedLoginsPerMinute <= 0 ? 20 : failedLoginsPerMinute;
    }
}
