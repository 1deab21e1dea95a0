package org.basinledger.api.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A party of the old or of the new list rejects the open amendment {@code number}: the terms stay as they are. */
public record RejectAmendmentCommand(@TargetAggregateIdentifier String agreementId, String actingJurisdiction,
                                     int number, String reason) {
}
