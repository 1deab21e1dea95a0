package org.basinledger.app.readmodel;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code ledger.read-models.*} (docs/operations.md, "Rebuilding the read models").
 *
 * @param rebuildBatchSize how many events a rebuild applies in one transaction (2,000 by default)
 * @param rebuildThreads   how many threads a rebuild applies the events on, each with its share of the projections'
 *                         sequences (every event of one agreement on one thread, in order; 2 by default)
 * @param rebuildOnStart   start a rebuild once the ledger is ready (the command-line way to ask for one:
 *                         {@code --ledger.read-models.rebuild-on-start=true}); the ledger answers meanwhile
 */
@ConfigurationProperties("ledger.read-models")
public record ReadModelProperties(int rebuildBatchSize, int rebuildThreads, boolean rebuildOnStart) {

    public ReadModelProperties {
        rebuildBatchSize = rebuildBatchSize <= 0 ? 2_000 : rebuildBatchSize;
        rebuildThreads = rebuildThreads <= 0 ? 2 : rebuildThreads;
    }
}
