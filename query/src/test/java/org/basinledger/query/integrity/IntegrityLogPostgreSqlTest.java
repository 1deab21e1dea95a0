package org.basinledger.query.integrity;

import org.basinledger.query.support.TestDatabase;

/** Skipped where the test PostgreSQL (LEDGER_TEST_POSTGRES_URL) does not answer; failed instead under LEDGER_REQUIRE_POSTGRES=true. */
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
