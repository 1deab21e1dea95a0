package org.basinledger.command.compensation;

import org.basinledger.api.common.Money;

/** Money a rule's outcome moves: {@code payer} owes {@code payee} {@code amount} (positive, two decimals). */
public record Payment(String payer, String payee, Money amount) {
}
