package org.basinledger.api.emission;

import java.math.BigDecimal;

/**
 * Tonnes of allowances: exact decimals, more than 0, at most {@value #MAX_DECIMALS} decimals, at most 10^9. Added and
 * subtracted exactly ({@link BigDecimal}); never floating point.
 */
public final class Quantities {

    public static final int MAX_DECIMALS = 3;
    public static final BigDecimal MAX = BigDecimal.TEN.pow(9);

    private Quantities() {
    }

    /** Why {@code quantity} is not a valid quantity, or null when it is. */
    public static String problem(BigDecimal quantity) {
        if (quantity == null) {
            return "is required";
        }
        if (quantity.signum() <= 0) {
            return "must be more than 0";
        }
        if (quantity.stripTrailingZeros().scale() > MAX_DECIMALS) {
            return "must have at most " + MAX_DECIMALS + " decimals";
        }
        if (quantity.compareTo(MAX) > 0) {
            return "must be at most " + MAX.toPlainString();
        }
        return null;
    }

    /** The same value without trailing zeros, never in exponent form ({@code 12.500} → {@code 12.5}, 100 stays 100). */
    public static BigDecimal normal(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
