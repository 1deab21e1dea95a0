package org.basinledger.command.agreement;

import java.util.List;
import org.basinledger.api.compliance.MonitoringReportSubmittedEvent;

/** The compensation scenario's agreement (Xin'an, three parties) for tests of other packages. */
public final class AgreementTestData {

    public static final String AGREEMENT_ID = AgreementSamples.AGREEMENT_ID;
    public static final String ANHUI = AgreementSamples.ANHUI;
    public static final String ZHEJIANG = AgreementSamples.ZHEJIANG;
    public static final String JIEKOU = AgreementSamples.JIEKOU;

    private AgreementTestData() {
    }

    /** The events of the agreement from its draft to its entry into force. */
    public static List<Object> inForce() {
        return AgreementScenario.compensation().inForce();
    }

    /** A 2025 report at Jiekou with the four Xin'an indicators, sampled once. */
    public static MonitoringReportSubmittedEvent yearReport(String reportId, String by, String takenAt, String codmn,
                                                            String nh3n, String tp, String tn) {
        return ComplianceSamples.report(reportId, by, JIEKOU, "2025", null,
                ComplianceSamples.xinan(takenAt, codmn, nh3n, tp, tn));
    }
}
