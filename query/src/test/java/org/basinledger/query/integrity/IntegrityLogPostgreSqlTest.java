package org.basinledger.query.integrity;

import org.basinledger.query.support.TestDatabase;

/** Skipped where PostgreSQL is not reachable at 127.0.0.1:5432. */
class IntegrityLogPostgreSqlTest extends IntegrityLogContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgresql();
    }

    @Override
    boolean postgres() {
        return true;
    }
}
