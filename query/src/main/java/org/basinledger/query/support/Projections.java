package org.basinledger.query.support;

/**
 * The processing group every projection of the query module belongs to: one tracking processor, whose
 * token commits in the same transaction as the rows it wrote. The app configures and resets it by this name.
 */
public final class Projections {

    public static final String PROCESSING_GROUP = "projections";

    private Projections() {
    }
}
