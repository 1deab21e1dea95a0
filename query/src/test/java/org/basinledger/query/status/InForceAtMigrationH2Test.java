package org.basinledger.query.status;

import org.basinledger.query.support.TestDatabase;

class InForceAtMigrationH2Test extends InForceAtMigrationContract {

    @Override
    TestDatabase openDatabaseAtV3() {
        return TestDatabase.h2("3");
    }
}
