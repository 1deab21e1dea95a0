package org.basinledger.api.emission;

import java.math.BigDecimal;
import java.util.List;

import org.basinledger.api.common.Money;

/**
 * Allowances of {@code vintage} were issued (the scheme's {@code issuance}-th issuance). Under a paid scheme each
 * allocation owes the authority {@code amount} (quantity × price, rounded once to cents) by the transfer
 * {@code transferId}; both null when issuance is free.
 */
public record AllowancesIssuedEvent(String schemeId, int issuance, int vintage, String authority,
                                    List<IssuedAllocation> allocations) implements EmissionEvent {

    public record IssuedAllocation(String holder, BigDecimal quantity, Money pricePerTonne, Money amount,
                                   String transferId) {
    }
}
