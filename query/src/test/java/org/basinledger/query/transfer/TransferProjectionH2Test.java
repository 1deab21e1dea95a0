package org.basinledger.query.transfer;

import org.basinledger.query.support.TestDatabase;

class TransferProjectionH2Test extends TransferProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
