package org.basinledger.query.registry;

import org.basinledger.query.support.TestDatabase;

class RegistryProjectionH2Test extends RegistryProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
