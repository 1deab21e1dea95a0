package org.basinledger.query.incident;

import org.basinledger.query.support.TestDatabase;

class IncidentProjectionH2Test extends IncidentProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
