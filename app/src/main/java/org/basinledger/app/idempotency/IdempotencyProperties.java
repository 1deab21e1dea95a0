package org.basinledger.app.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code ledger.idempotency.*} (docs/operations.md, "Idempotency keys").
 *
 * @param retention     how long a key is kept; after it the scheduled purge deletes the key and the same key applies
 *                      again (24 h by default)
 * @param recoveryAfter how long after its command committed a key whose answer was never recorded (the node
 *                      crashed or lost the request in between) is answered "in progress"; after it, a retry gets
 *                      the "applied" answer with the resource's location. Must exceed the read-after-write timeout,
 *                      the longest a node legitimately spends between the commit and the answer (30 s by default)
 * @param purgeInterval how often the purge runs (once across all nodes; 1 h by default)
 */
@ConfigurationProperties("ledger.idempotency")
public record IdempotencyProperties(Duration retention, Duration recoveryAfter, Duration purgeInterval) {

    public IdempotencyProperties {
        retention = positive(retention, Duration.ofHours(24));
        recoveryAfter = positive(recoveryAfter, Duration.ofSeconds(30));
        purgeInterval = positive(purgeInterval, Duration.ofHours(1));
    }

    private static Duration positive(Duration given, Duration otherwise) {
        return given == null || given.isZero() || given.isNegative() ? otherwise : given;
    }
}
