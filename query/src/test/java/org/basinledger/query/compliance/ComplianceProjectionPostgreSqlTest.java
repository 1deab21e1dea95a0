package org.basinledger.query.compliance;

import org.basinledger.query.support.TestDatabase;

class ComplianceProjectionPostgreSqlTest extends ComplianceProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgresql();
    }
}
