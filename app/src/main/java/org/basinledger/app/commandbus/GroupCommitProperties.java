package org.basinledger.app.commandbus;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code ledger.group-commit.*} (docs/operations.md, "Group commit").
 *
 * @param enabled  whether commands sent at the same time share one database transaction ({@link GroupCommitCommandBus});
 *                 when off, every command commits on its own (Axon's {@code SimpleCommandBus} alone)
 * @param maxBatch the most commands in one transaction (64 by default)
 * @param threads  how many batches may be applied at once (1 by default)
 */
@ConfigurationProperties("ledger.group-commit")
public record GroupCommitProperties(Boolean enabled, int maxBatch, int threads) {

    public GroupCommitProperties {
        enabled = enabled == null || enabled;
        maxBatch = maxBatch <= 0 ? 64 : maxBatch;
        threads = threads <= 0 ? 1 : threads;
    }
}
