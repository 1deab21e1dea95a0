package org.basinledger.command.compensation;

import java.math.BigDecimal;

/**
 * How the compensation rules show decimals that are not results: a mean is computed exactly ({@link Fraction})
 * and shown with at most {@value #SHOWN_DIGITS} significant digits ({@link Fraction#toDecimal}: HALF_UP, exact
 * whenever it fits), without needless trailing zeros. A shown mean is never computed with: the exact one is the
 * recorded values' sum over their count.
 */
public final class Decimals {

    /** Significant digits of a shown mean (as many as a decimal128 holds). */
    public static final int SHOWN_DIGITS = 34;

    private Decimals() {
    }

    /** The same value without trailing zeros, never in exponent form ({@code 25.9200000} → {@code 25.92}, 100 stays 100). */
    public static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
