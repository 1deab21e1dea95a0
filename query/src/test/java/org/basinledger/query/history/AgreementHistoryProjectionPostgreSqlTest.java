package org.basinledger.query.history;

import org.basinledger.query.support.TestDatabase;

class AgreementHistoryProjectionPostgreSqlTest extends AgreementHistoryProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgresql();
    }
}
