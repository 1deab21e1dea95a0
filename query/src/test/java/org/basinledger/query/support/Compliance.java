package org.basinledger.query.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.basinledger.api.agreement.AssessmentPeriod;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.agreement.SectionKind;
import org.basinledger.api.common.Money;
import org.basinledger.api.compliance.AssessmentInputs;
import org.basinledger.api.compliance.AssessmentInputs.PollutantMean;
import org.basinledger.api.compliance.AssessmentInputs.ReportUsed;
import org.basinledger.api.compliance.AssessmentInputs.SampleUsed;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.AssessmentResult;
import org.basinledger.api.compliance.AssessmentResult.PollutantExcess;
import org.basinledger.api.compliance.MonitoringReportSubmittedEvent;
import org.basinledger.api.compliance.Sample;
import org.basinledger.api.compliance.WaterClass;
import org.basinledger.api.transfer.TransferCreatedEvent;
import org.basinledger.api.transfer.TransferSource;

/** Monitoring reports, assessments and transfers for tests, with decimals that only exact arithmetic keeps. */
public final class Compliance {

    public static final MonitoringSection JIEKOU = new MonitoringSection("JIEKOU", "Jiekou", "Xin'an River",
            SectionKind.RIVER, Agreements.HS, Agreements.HZ);

    private Compliance() {
    }

    /** A report of two samples (CODMn, TP) at the section, with the given flow (null: none measured). */
    public static MonitoringReportSubmittedEvent report(String agreementId, String reportId, String sectionId,
                                                        String period, String flow) {
        return new MonitoringReportSubmittedEvent(agreementId, reportId, Agreements.HS, sectionId, period,
                List.of(new Sample(Instant.parse("2025-01-15T02:00:00Z"), Pollutant.CODMN, new BigDecimal("1.8000"),
                                "mg/L"),
                        new Sample(Instant.parse("2025-01-15T02:00:00.250Z"), Pollutant.TP,
                                new BigDecimal("0.0350000000000000000000000000000001"), "mg/L")),
                flow == null ? null : new BigDecimal(flow));
    }

    /** A water-quality-index assessment of the section for the period; met or not, with a transfer or none. */
    public static AssessmentRecordedEvent assessment(String agreementId, String assessmentId, String sectionId,
                                                     String period, boolean met, String transferId) {
        CompensationRule rule = new CompensationRule(CompensationRuleType.WATER_QUALITY_INDEX, sectionId,
                AssessmentPeriod.YEAR, new BigDecimal("0.85"),
                List.of(new CompensationRule.Indicator(Pollutant.CODMN, new BigDecimal("1.80"), new BigDecimal("0.25")),
                        new CompensationRule.Indicator(Pollutant.TP, new BigDecimal("0.035"), new BigDecimal("0.75"))),
                Money.of("100000000.00", Money.CNY), Money.of("100000000.00", Money.CNY), null, null, null, null);
        MonitoringSection section = new MonitoringSection(sectionId, "Jiekou", "Xin'an River", SectionKind.RIVER,
                Agreements.HS, Agreements.HZ);
        AssessmentInputs inputs = new AssessmentInputs(section, rule, "1", Instant.parse("2024-12-31T16:00:00Z"),
                Instant.parse("2025-12-31T16:00:00Z"), 31_536_000L, List.of("R-1"),
                List.of(new SampleUsed("R-1", Instant.parse("2025-01-15T02:00:00Z"), Pollutant.CODMN,
                        new BigDecimal("1.8000"))),
                List.of(new PollutantMean(Pollutant.CODMN, 3, new BigDecimal("1.833333333333333333333333333333333"),
                                new BigDecimal("5.5")),
                        new PollutantMean(Pollutant.TP, 1, new BigDecimal("0.0350000000000000000000000000000001"),
                                new BigDecimal("0.0350000000000000000000000000000001"))),
                List.of(new BigDecimal("10.50"), new BigDecimal("0.000001")), new BigDecimal("5.2500005"),
                List.of(new ReportUsed("R-1", "00000000-0000-0000-0000-00000000e001")));
        AssessmentResult result = met
                ? new AssessmentResult(true, new BigDecimal("0.8500"), null, WaterClass.II, Agreements.HZ,
                Agreements.HS, Money.of("100000000.00", Money.CNY))
                : new AssessmentResult(false, new BigDecimal("1.0200"),
                List.of(new PollutantExcess(Pollutant.CODMN, new BigDecimal("7.0"), new BigDecimal("6"),
                        new BigDecimal("25.920000"), Money.of("388800.00", Money.CNY))),
                WaterClass.IV, Agreements.HS, Agreements.HZ, Money.of("100000000.10", Money.CNY));
        return new AssessmentRecordedEvent(agreementId, assessmentId, Agreements.HS, sectionId,
                CompensationRuleType.WATER_QUALITY_INDEX, period, inputs, result, transferId);
    }

    /** A transfer from payer to payee under the agreement, created by the payer (source PARTY). */
    public static TransferCreatedEvent transferCreated(String transferId, String agreementId, String payer,
                                                       String payee, String amount, String currency) {
        return new TransferCreatedEvent(transferId, agreementId, payer, payee, Money.of(amount, currency),
                "compensation " + transferId, TransferSource.PARTY, null);
    }
}
