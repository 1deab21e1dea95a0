package org.basinledger.query.integrity;

import java.util.Optional;

/**
 * The last head the ledger signed (its size and root), kept outside the database by the application, so that
 * someone who can change the database cannot make the ledger forget what it signed: before it signs a new head the
 * integrity log checks that the tree it grew still has this head's root at this head's size
 * ({@link IntegrityLog}), and the verification checks it too ({@link LedgerVerifier}).
 */
public interface LastSignedHead {

    /** A signed size and its root (lowercase hex). */
    record Head(long treeSize, String rootHash) {
    }

    /** The last head recorded, if one was. */
    Optional<Head> last();

    /** Records a head once its transaction committed; a head smaller than the one recorded is ignored. */
    void record(Head head);
}
