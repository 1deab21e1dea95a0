package org.basinledger.query.support;

/**
 * A projection that can save work when it is told, before its first event, that it is a fresh instance writing into
 * empty tables of its own which nobody else writes: a read-model rebuild (the app's {@code ReadModelRebuild}), which
 * also hands it every event exactly once, in order. It may then skip what guards against rows written by others or
 * before (redelivery checks, reading back rows it never wrote). The live processor never calls this.
 */
public interface RebuildingProjection {

    /** From now on this instance's tables start empty, only it writes them, and no event comes twice. */
    void rebuildingIntoEmptyTables();
}
