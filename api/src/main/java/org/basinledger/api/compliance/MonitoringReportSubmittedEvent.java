package org.basinledger.api.compliance;

import java.math.BigDecimal;
import java.util.List;

import org.basinledger.api.agreement.AgreementEvent;

/** A monitoring report was stored; every party of the agreement may read it from now on. */
public record MonitoringReportSubmittedEvent(String agreementId, String reportId, String submittedBy,
                                             String sectionId, String period, List<Sample> samples,
                                             BigDecimal flowCubicMetresPerSecond) implements AgreementEvent {
}
