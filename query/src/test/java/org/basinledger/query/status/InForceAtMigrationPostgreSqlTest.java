package org.basinledger.query.status;

import org.basinledger.query.support.TestDatabase;

class InForceAtMigrationPostgreSqlTest extends InForceAtMigrationContract {

    @Override
    TestDatabase openDatabaseAtV3() {
        return TestDatabase.postgresql("3");
    }
}
