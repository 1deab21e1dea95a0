package org.basinledger.query.dispute;

import org.basinledger.query.support.TestDatabase;

class DisputeProjectionPostgreSqlTest extends DisputeProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgresql();
    }
}
