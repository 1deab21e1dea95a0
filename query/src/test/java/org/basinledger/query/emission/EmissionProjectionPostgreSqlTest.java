package org.basinledger.query.emission;

import org.basinledger.query.support.TestDatabase;

class EmissionProjectionPostgreSqlTest extends EmissionProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgresql();
    }
}
