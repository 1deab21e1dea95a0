package org.basinledger.api.common;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of money: a decimal amount with exactly two decimals and an ISO 4217 currency code.
 * Amounts are never floating point; {@link #of(BigDecimal, String)} rounds HALF_UP to two decimals,
 * which is the only rounding the compensation rules allow (at the end of a computation).
 */
public record Money(BigDecimal amount, String currency) {

    public static final String CNY = "CNY";

    public Money {
        if (amount == null) {
            throw new IllegalArgumentException("amount is required");
        }
        if (currency == null) {
            throw new IllegalArgumentException("currency is required");
        }
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, was " + currency);
        }
        if (amount.scale() != 2) {
            amount = amount.setScale(2, RoundingMode.HALF_UP);
        }
    }

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount.setScale(2, RoundingMode.HALF_UP), currency);
    }

    public static Money of(String amount, String currency) {
        return of(new BigDecimal(amount), currency);
    }

    public static Money zero(String currency) {
        return of(BigDecimal.ZERO, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public boolean greaterThanZero() {
        return amount.signum() > 0;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currencies differ: " + currency + " and " + other.currency);
        }
    }
}
