package org.basinledger.query.status;

import org.basinledger.query.support.TestDatabase;

class AmendmentProjectionH2Test extends AmendmentProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
