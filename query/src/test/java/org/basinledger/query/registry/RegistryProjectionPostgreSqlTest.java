package org.basinledger.query.registry;

import org.basinledger.query.support.TestDatabase;

class RegistryProjectionPostgreSqlTest extends RegistryProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgresql();
    }
}
