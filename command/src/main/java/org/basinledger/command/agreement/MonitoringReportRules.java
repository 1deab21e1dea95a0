package org.basinledger.command.agreement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.ReportingPeriod;
import org.basinledger.api.compliance.Sample;
import org.basinledger.api.compliance.SubmitMonitoringReportCommand;

/**
 * What makes a monitoring report acceptable, every broken rule named by its field: a section of the terms, a
 * period with at least a day inside the agreement's effective dates (begun before its end, once it ended), at
 * least one sample, each taken inside the period and on a day in force (and before the end), of a known
 * pollutant, in mg/L, with a value from 0 to below 10,000; a flow, when given, above 0 and below 1,000,000 m³/s;
 * values and flows with at most {@value AgreementDraftRules#MAX_DECIMALS} decimals (the formulas compute with them
 * exactly, so their size is bounded).
 */
final class MonitoringReportRules {

    static final String UNIT = "mg/L";
    static final BigDecimal MAX_VALUE = new BigDecimal("10000");
    static final BigDecimal MAX_FLOW = new BigDecimal("1000000");

    private MonitoringReportRules() {
    }

    /**
     * Answers the report's period, or throws an {@link InvalidInputException} with every broken rule. After the
     * agreement ended ({@code endedAt}, null while it has not), the period must have begun and every sample been
     * taken before the end (what matters after a termination: periods inside the effective dates began before an
     * expiry).
     */
    static ReportingPeriod validate(SubmitMonitoringReportCommand command, AgreementDraft draft, Instant endedAt) {
        List<FieldError> errors = new ArrayList<>();
        if (command.sectionId() == null || draft.terms().sections().stream()
                .noneMatch(s -> s.id().equals(command.sectionId()))) {
            errors.add(new FieldError("sectionId", command.sectionId() + " is not a section of the agreement"));
        }
        ReportingPeriod period = null;
        try {
            period = ReportingPeriod.parse(command.period(), "period");
            if (period.lastDay().isBefore(draft.effectiveFrom()) || period.firstDay().isAfter(draft.effectiveUntil())) {
                errors.add(new FieldError("period", period + " is outside the agreement's effective dates "
                        + draft.effectiveFrom() + " to " + draft.effectiveUntil()));
            }
            if (endedAt != null && !period.start().isBefore(endedAt)) {
                errors.add(new FieldError("period", period + " began after the agreement ended at " + endedAt));
            }
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        checkSamples(command.samples(), period, LedgerCalendar.startOf(draft.effectiveFrom()),
                LedgerCalendar.endOf(draft.effectiveUntil()), endedAt, errors);
        BigDecimal flow = command.flowCubicMetresPerSecond();
        if (flow != null && (flow.signum() <= 0 || flow.compareTo(MAX_FLOW) >= 0)) {
            errors.add(new FieldError("flowCubicMetresPerSecond", "must be above 0 and below 1000000 m³/s"));
        } else if (flow != null) {
            AgreementDraftRules.requireDecimals(flow, "flowCubicMetresPerSecond", errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return period;
    }

    private static void checkSamples(List<Sample> samples, ReportingPeriod period, Instant inForceFrom,
                                     Instant inForceUntil, Instant endedAt, List<FieldError> errors) {
        if (samples == null || samples.isEmpty()) {
            errors.add(new FieldError("samples", "at least one sample is required"));
            return;
        }
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            String path = "samples[" + i + "]";
            if (sample == null) {
                errors.add(new FieldError(path, "is required"));
                continue;
            }
            if (sample.takenAt() == null) {
                errors.add(new FieldError(path + ".takenAt", "is required"));
            } else if (period != null && !period.contains(sample.takenAt())) {
                errors.add(new FieldError(path + ".takenAt", sample.takenAt() + " is outside the period " + period));
            } else if (sample.takenAt().isBefore(inForceFrom) || !sample.takenAt().isBefore(inForceUntil)) {
                errors.add(new FieldError(path + ".takenAt", sample.takenAt()
                        + " is outside the agreement's effective dates"));
            } else if (endedAt != null && !sample.takenAt().isBefore(endedAt)) {
                errors.add(new FieldError(path + ".takenAt", sample.takenAt() + " is after the agreement ended at "
                        + endedAt));
            }
            if (sample.pollutant() == null) {
                errors.add(new FieldError(path + ".pollutant", "is required"));
            }
            if (sample.value() == null) {
                errors.add(new FieldError(path + ".value", "is required"));
            } else if (sample.value().signum() < 0 || sample.value().compareTo(MAX_VALUE) >= 0) {
                errors.add(new FieldError(path + ".value", "must be from 0 to below 10000 mg/L"));
            } else {
                AgreementDraftRules.requireDecimals(sample.value(), path + ".value", errors);
            }
            if (!UNIT.equals(sample.unit())) {
                errors.add(new FieldError(path + ".unit", "must be " + UNIT));
            }
        }
    }
}
