package org.basinledger.command.agreement;

import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.compliance.MonitoringReportSubmittedEvent;
import org.basinledger.api.compliance.Sample;

/** Monitoring reports and samples for the compensation scenario. */
final class ComplianceSamples {

    private ComplianceSamples() {
    }

    static Sample sample(String takenAt, Pollutant pollutant, String value) {
        return new Sample(Instant.parse(takenAt), pollutant, new BigDecimal(value), "mg/L");
    }

    static MonitoringReportSubmittedEvent report(String reportId, String by, String sectionId, String period,
                                                 String flow, Sample... samples) {
        return new MonitoringReportSubmittedEvent(AGREEMENT_ID, reportId, by, sectionId, period, List.of(samples),
                flow == null ? null : new BigDecimal(flow));
    }

    /** Xin'an samples at Jiekou: CODMn, NH3-N, TP, TN with the given values, all taken at one instant. */
    static Sample[] xinan(String takenAt, String codmn, String nh3n, String tp, String tn) {
        return new Sample[] {sample(takenAt, Pollutant.CODMN, codmn), sample(takenAt, Pollutant.NH3N, nh3n),
                sample(takenAt, Pollutant.TP, tp), sample(takenAt, Pollutant.TN, tn)};
    }
}
