package org.basinledger.command.compensation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Objects;

/**
 * An exact rational number, {@code numerator / denominator}, always in lowest terms with a positive
 * denominator (so equal values are equal objects). The compensation formulas compute with fractions of their
 * decimal inputs and round once, at the end ({@link #round}): no result depends on how many digits an
 * intermediate division kept (DOMAIN.md, "Exact arithmetic").
 */
public final class Fraction implements Comparable<Fraction> {

    public static final Fraction ZERO = new Fraction(BigInteger.ZERO, BigInteger.ONE);
    public static final Fraction ONE = new Fraction(BigInteger.ONE, BigInteger.ONE);

    private final BigInteger numerator;
    private final BigInteger denominator;

    private Fraction(BigInteger numerator, BigInteger denominator) {
        this.numerator = numerator;
        this.denominator = denominator;
    }

    /** {@code numerator / denominator} in lowest terms; the denominator must not be 0. */
    public static Fraction of(BigInteger numerator, BigInteger denominator) {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (!gcd.equals(BigInteger.ONE)) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
        return new Fraction(numerator, denominator);
    }

    /** The decimal exactly: {@code 0.02945} is {@code 589/20000}. */
    public static Fraction of(BigDecimal value) {
        return value.scale() <= 0
                ? of(value.toBigIntegerExact(), BigInteger.ONE)
                : of(value.unscaledValue(), BigInteger.TEN.pow(value.scale()));
    }

    public static Fraction of(long value) {
        return of(BigInteger.valueOf(value), BigInteger.ONE);
    }

    /** The arithmetic mean of one or more decimals, exactly: their sum over their count. */
    public static Fraction mean(Collection<BigDecimal> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the mean of no values is undefined");
        }
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return of(sum).dividedBy(of(values.size()));
    }

    public BigInteger numerator() {
        return numerator;
    }

    public BigInteger denominator() {
        return denominator;
    }

    public Fraction plus(Fraction other) {
        return of(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public Fraction minus(Fraction other) {
        return plus(other.negate());
    }

    public Fraction times(Fraction other) {
        return of(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    /** Throws {@link ArithmeticException} when {@code other} is 0. */
    public Fraction dividedBy(Fraction other) {
        return of(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    public Fraction negate() {
        return new Fraction(numerator.negate(), denominator);
    }

    public int signum() {
        return numerator.signum();
    }

    /** Rounded to {@code scale} decimals, HALF_UP (a half goes away from zero): the one rounding of a result. */
    public BigDecimal round(int scale) {
        BigInteger scaled = scale >= 0
                ? numerator.abs().multiply(BigInteger.TEN.pow(scale))
                : numerator.abs();
        BigInteger divisor = scale >= 0 ? denominator : denominator.multiply(BigInteger.TEN.pow(-scale));
        BigInteger[] quotientAndRemainder = scaled.divideAndRemainder(divisor);
        BigInteger quotient = quotientAndRemainder[0];
        if (quotientAndRemainder[1].shiftLeft(1).compareTo(divisor) >= 0) {
            quotient = quotient.add(BigInteger.ONE);
        }
        return new BigDecimal(numerator.signum() < 0 ? quotient.negate() : quotient, scale);
    }

    /**
     * For showing, never for computing: the value itself when it has at most {@code digits} significant
     * digits, otherwise rounded HALF_UP to that many; no trailing zeros, never in exponent form.
     */
    public BigDecimal toDecimal(int digits) {
        BigDecimal quotient = new BigDecimal(numerator).divide(new BigDecimal(denominator),
                new MathContext(digits, RoundingMode.HALF_UP));
        return Decimals.plain(quotient);
    }

    @Override
    public int compareTo(Fraction other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fraction f && numerator.equals(f.numerator) && denominator.equals(f.denominator);
    }

    @Override
    public int hashCode() {
        return Objects.hash(numerator, denominator);
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
