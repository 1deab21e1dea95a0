package org.basinledger.api.agreement;

import java.util.List;

/** A party rejected the agreement open for signature: back to {@code DRAFT}; the listed parties' signatures are void. */
public record AgreementRejectedEvent(String agreementId, String rejectedBy, String reason,
                                     List<String> voidedSignatures) implements AgreementEvent {
}
