package org.basinledger.api.agreement;

import java.util.List;

import org.basinledger.api.common.Evidence;

/** The obligated party fulfilled an obligation; {@code late} when it was already overdue. */
public record ObligationFulfilledEvent(String agreementId, String obligationId, String party,
                                       List<Evidence> evidence, String note, boolean late) implements AgreementEvent {
}
