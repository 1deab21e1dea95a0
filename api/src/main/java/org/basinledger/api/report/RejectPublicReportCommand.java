package org.basinledger.api.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The registrar rejects a received report; the reason is public. */
public record RejectPublicReportCommand(@TargetAggregateIdentifier String reportId, String reason) {
}
