package org.basinledger.api.transfer;

import java.util.List;

import org.basinledger.api.common.Money;

/**
 * A jurisdiction's net position per counterparty and currency. Each amount is net from the jurisdiction's side:
 * positive when the counterparty owes it, negative when it owes the counterparty. {@code due} counts transfers
 * due or acknowledged, {@code paid} those paid but not yet confirmed, {@code settled} those settled;
 * {@code overdue} is the part of {@code due} (and of money held under dispute) that is past its due date.
 */
public record JurisdictionBalance(String jurisdictionId, List<CounterpartyBalance> counterparties) {

    /** The position against one counterparty in one currency. */
    public record CounterpartyBalance(String counterparty, String currency, Money due, Money paid, Money settled,
                                      int transfers, Money overdue) {

        /** A position with nothing overdue. */
        public CounterpartyBalance(String counterparty, String currency, Money due, Money paid, Money settled,
                                   int transfers) {
            this(counterparty, currency, due, paid, settled, transfers, Money.zero(currency));
        }
    }
}
