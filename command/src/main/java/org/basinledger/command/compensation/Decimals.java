package org.basinledger.command.compensation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;

/**
 * Exact decimal arithmetic of the compensation rules: arithmetic means (division to 34 significant digits,
 * {@link MathContext#DECIMAL128}, the only inexact step) and values written without needless trailing zeros.
 */
public final class Decimals {

    private Decimals() {
    }

    /** The arithmetic mean of one or more values. */
    public static BigDecimal mean(Collection<BigDecimal> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the mean of no values is undefined");
        }
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return plain(sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128));
    }

    /** The same value without trailing zeros, never in exponent form ({@code 25.9200000} → {@code 25.92}, 100 stays 100). */
    public static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
