package org.basinledger.query.status;

import org.basinledger.query.support.TestDatabase;

class AmendmentProjectionPostgreSqlTest extends AmendmentProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgresql();
    }
}
