package org.basinledger.query.report;

import org.basinledger.query.support.TestDatabase;

class PublicReportProjectionH2Test extends PublicReportProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }
}
