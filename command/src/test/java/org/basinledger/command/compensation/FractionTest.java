package org.basinledger.command.compensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class FractionTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static Fraction f(long numerator, long denominator) {
        return Fraction.of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    @Test
    void aDecimalIsItsExactFractionInLowestTerms() {
        Fraction tp = Fraction.of(d("0.02945"));

        assertThat(tp.numerator()).isEqualTo(BigInteger.valueOf(589));
        assertThat(tp.denominator()).isEqualTo(BigInteger.valueOf(20000));
        assertThat(Fraction.of(d("1.50"))).isEqualTo(Fraction.of(d("1.5"))).isEqualTo(f(3, 2));
        assertThat(Fraction.of(d("1E+3"))).isEqualTo(Fraction.of(1000));
    }

    @Test
    void theDenominatorIsAlwaysPositive() {
        assertThat(f(1, -2)).isEqualTo(f(-1, 2));
        assertThat(f(1, -2).denominator()).isEqualTo(BigInteger.TWO);
    }

    @Test
    void arithmeticIsExact() {
        Fraction third = f(1, 3);

        assertThat(third.plus(third).plus(third)).isEqualTo(Fraction.ONE);
        assertThat(Fraction.ONE.minus(third)).isEqualTo(f(2, 3));
        assertThat(third.times(Fraction.of(3))).isEqualTo(Fraction.ONE);
        assertThat(Fraction.ONE.dividedBy(third)).isEqualTo(Fraction.of(3));
        assertThat(f(2, 3).compareTo(f(3, 5))).isPositive();
        assertThatThrownBy(() -> third.dividedBy(Fraction.ZERO)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void theMeanIsTheSumOverTheCount() {
        assertThat(Fraction.mean(List.of(d("1"), d("1"), d("2")))).isEqualTo(f(4, 3));
        assertThatThrownBy(() -> Fraction.mean(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundingIsHalfUpAwayFromZeroAtTheExactHalf() {
        assertThat(Fraction.of(d("1.00005")).round(4)).isEqualTo(d("1.0001"));
        assertThat(f(100004999, 100000000).round(4)).isEqualTo(d("1.0000"));
        assertThat(Fraction.of(d("0.005")).round(2)).isEqualTo(d("0.01"));
        assertThat(Fraction.of(d("-0.005")).round(2)).isEqualTo(d("-0.01"));
        assertThat(f(-1, 3).round(2)).isEqualTo(d("-0.33"));
        assertThat(f(2, 3).round(0)).isEqualTo(d("1"));
        assertThat(Fraction.of(1250).round(-2)).isEqualTo(new BigDecimal(BigInteger.valueOf(13), -2));
    }

    @Test
    void aShownValueIsExactWhenItFitsAndRoundedOtherwise() {
        assertThat(Fraction.of(d("25.9200")).toDecimal(34).toString()).isEqualTo("25.92");
        assertThat(f(4, 3).toDecimal(34)).isEqualTo(d("1.333333333333333333333333333333333"));
        assertThat(f(5, 3).toDecimal(34)).isEqualTo(d("1.666666666666666666666666666666667"));
        assertThat(Fraction.mean(List.of(d("1.2"), d("1.4"), d("1.9"))).toDecimal(34).toString()).isEqualTo("1.5");
        assertThat(f(5, 3).toDecimal(5)).isEqualTo(d("1.6667"));
    }
}
