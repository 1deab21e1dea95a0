package org.basinledger.query.history;

import org.basinledger.query.support.TestDatabase;

class AgreementHistoryProjectionH2Test extends AgreementHistoryProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
