package org.basinledger.query.incident;

import org.basinledger.query.support.TestDatabase;

class IncidentProjectionPostgreSqlTest extends IncidentProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgresql();
    }
}
