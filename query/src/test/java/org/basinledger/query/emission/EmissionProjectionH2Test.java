package org.basinledger.query.emission;

import org.basinledger.query.support.TestDatabase;

class EmissionProjectionH2Test extends EmissionProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
