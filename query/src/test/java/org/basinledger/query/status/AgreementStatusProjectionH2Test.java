package org.basinledger.query.status;

import org.basinledger.query.support.TestDatabase;

class AgreementStatusProjectionH2Test extends AgreementStatusProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
