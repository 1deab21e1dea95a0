package org.basinledger.query.transfer;

import org.basinledger.query.support.TestDatabase;

class TransferProjectionPostgreSqlTest extends TransferProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgresql();
    }
}
