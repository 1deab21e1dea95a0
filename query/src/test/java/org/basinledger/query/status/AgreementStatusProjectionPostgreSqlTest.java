package org.basinledger.query.status;

import org.basinledger.query.support.TestDatabase;

class AgreementStatusProjectionPostgreSqlTest extends AgreementStatusProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgresql();
    }
}
