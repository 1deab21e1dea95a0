package org.basinledger.query.live;

import java.util.List;

/**
 * Tells the other nodes what the projections' current batch changed, so that their live streams follow
 * (docs/operations.md, "Several nodes"). Called inside the batch's transaction, before it commits: the other nodes
 * hear of it only once it has committed, and never of a batch that rolled back. Present only when several nodes share
 * a PostgreSQL database; one node emits to its own subscribers itself, as it always did.
 */
public interface LiveUpdateRelay {

    /** Announces {@code updates}, in their order, to the other nodes once the current transaction commits. */
    void announce(List<LiveUpdate> updates);
}
