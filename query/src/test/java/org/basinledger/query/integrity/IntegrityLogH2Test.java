package org.basinledger.query.integrity;

import org.basinledger.query.support.TestDatabase;

class IntegrityLogH2Test extends IntegrityLogContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }

    @Override
    boolean postgres() {
        return false;
    }
}
