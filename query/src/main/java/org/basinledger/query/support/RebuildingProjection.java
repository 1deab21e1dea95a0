package org.basinledger.query.support;

/**
 * A projection that can save work when it is told, before its first event, that it is a fresh instance writing into
 * empty tables: a read-model rebuild (the app's {@code ReadModelRebuild}), which hands it every event of its
 * sequences ({@link ProjectionSequencing}: the agreements, emission schemes or shared sequence it is given) exactly
 * once, in store order; other instances may write the rows of other sequences into the same tables meanwhile. It may
 * then skip what guards against rows written before or by another writer of its sequences (redelivery checks,
 * reading back rows it never wrote). The live processor never calls this.
 */
public interface RebuildingProjection {

    /**
     * From now on this instance's tables hold no row of its sequences but those it writes, and no event comes twice.
     */
    void rebuildingIntoEmptyTables();
}
