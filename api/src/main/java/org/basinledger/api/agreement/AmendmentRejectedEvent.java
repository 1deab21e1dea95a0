package org.basinledger.api.agreement;

import java.util.List;

/** A signatory rejected amendment {@code number}: the agreement keeps its terms; the listed signatures are void. */
public record AmendmentRejectedEvent(String agreementId, int number, String rejectedBy, String reason,
                                     List<String> voidedSignatures) implements AgreementEvent {
}
