package org.basinledger.query.dispute;

import org.basinledger.query.support.TestDatabase;

class DisputeProjectionH2Test extends DisputeProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
