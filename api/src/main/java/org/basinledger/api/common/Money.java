package org.basinledger.api.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An amount of money: a decimal amount with exactly two decimals and an ISO 4217 currency code.
 * Amounts are never floating point; {@link #of(BigDecimal, String)} rounds HALF_UP to two decimals,
 * which is the only rounding the compensation rules allow (at the end of a computation).
 * The constructor checks only the form of the code (three capital letters), so that every amount ever recorded
 * can be read back; whether a code is a real currency is checked where money enters the ledger
 * ({@link #isIsoCurrency(String)}).
 */
public record Money(BigDecimal amount, String currency) {

    public static final String CNY = "CNY";

    /** The ISO 4217 codes the JDK knows, less XTS (reserved for testing) and XXX (no currency). */
    private static final Set<String> ISO_CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .filter(code -> !code.equals("XTS") && !code.equals("XXX"))
            .collect(Collectors.toUnmodifiableSet());

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

    /** Whether the code is a real ISO 4217 currency ({@code CNY}, {@code EUR}; not {@code XXQ}, {@code XXX}). */
    public static boolean isIsoCurrency(String code) {
        return code != null && ISO_CURRENCIES.contains(code);
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
