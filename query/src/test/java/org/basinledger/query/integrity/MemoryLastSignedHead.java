package org.basinledger.query.integrity;

import java.util.Optional;

/** The last signed head in memory, as the application keeps it in a file. */
final class MemoryLastSignedHead implements LastSignedHead {

    private Head last;

    @Override
    public synchronized Optional<Head> last() {
        return Optional.ofNullable(last);
    }

    @Override
    public synchronized void record(Head head) {
        if (last == null || head.treeSize() > last.treeSize()) {
            last = head;
        }
    }

    /** Forgets the head, as for a new database. */
    synchronized void forget() {
        last = null;
    }
}
