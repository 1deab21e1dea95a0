package org.basinledger.query.report;

import org.basinledger.query.support.TestDatabase;

class PublicReportProjectionPostgreSqlTest extends PublicReportProjectionContract {

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgresql();
    }
}
