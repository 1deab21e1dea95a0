package org.basinledger.query.compliance;

import org.basinledger.query.support.TestDatabase;

class ComplianceProjectionH2Test extends ComplianceProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
