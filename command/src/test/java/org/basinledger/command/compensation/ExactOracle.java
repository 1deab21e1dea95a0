package org.basinledger.command.compensation;

import java.math.BigDecimal;
import java.util.List;

/**
 * An independent exact computation of both formulas for the property tests: no {@link Fraction}, no gcd, no
 * division until the rounding. Each term is a quotient of two exact decimals (BigDecimal adds and multiplies
 * exactly); terms are brought over one common denominator, and the sum {@code N / D} is rounded HALF_UP by
 * integer division: {@code floor((2·N·10^s + D) / (2·D)) / 10^s} for {@code N ≥ 0}.
 */
final class ExactOracle {

    /** {@code numerator / denominator}, denominator positive, neither reduced. */
    record Quotient(BigDecimal numerator, BigDecimal denominator) {

        static final Quotient ZERO = new Quotient(BigDecimal.ZERO, BigDecimal.ONE);

        Quotient plus(Quotient other) {
            return new Quotient(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                    denominator.multiply(other.denominator));
        }

        int signum() {
            return numerator.signum();
        }

        /** HALF_UP to {@code scale} decimals; only for values ≥ 0. */
        BigDecimal roundHalfUp(int scale) {
            if (numerator.signum() < 0) {
                throw new IllegalArgumentException("negative");
            }
            BigDecimal twice = numerator.scaleByPowerOfTen(scale).multiply(BigDecimal.valueOf(2)).add(denominator);
            BigDecimal units = twice.divideToIntegralValue(denominator.multiply(BigDecimal.valueOf(2)));
            return units.setScale(0, java.math.RoundingMode.UNNECESSARY).movePointLeft(scale).setScale(scale);
        }

        /** Whether this is exactly the given decimal. */
        boolean isExactly(BigDecimal value) {
            return numerator.compareTo(value.multiply(denominator)) == 0;
        }
    }

    /** One indicator: weight, baseline and the samples whose mean is C. */
    record IndexTerm(BigDecimal weight, BigDecimal baseline, List<BigDecimal> samples) {
    }

    /** One pollutant: target, rate per tonne, and its samples. */
    record ExcessTerm(BigDecimal target, BigDecimal ratePerTonne, List<BigDecimal> samples) {
    }

    private ExactOracle() {
    }

    static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** P = k × Σ wᵢ × (Sᵢ / nᵢ) / C0ᵢ = Σ (k·wᵢ·Sᵢ) / (nᵢ·C0ᵢ). */
    static Quotient index(BigDecimal k, List<IndexTerm> terms) {
        Quotient p = Quotient.ZERO;
        for (IndexTerm term : terms) {
            p = p.plus(new Quotient(k.multiply(term.weight()).multiply(sum(term.samples())),
                    BigDecimal.valueOf(term.samples().size()).multiply(term.baseline())));
        }
        return p;
    }

    /** Tonnes of one pollutant: (S/n − t) × (SQ/nQ) × s / 10^6 = (S − t·n)·SQ·s / (n·nQ·10^6); 0 at or under t. */
    static Quotient tonnes(ExcessTerm term, List<BigDecimal> flows, long seconds) {
        BigDecimal n = BigDecimal.valueOf(term.samples().size());
        BigDecimal over = sum(term.samples()).subtract(term.target().multiply(n));
        if (over.signum() <= 0) {
            return Quotient.ZERO;
        }
        return new Quotient(over.multiply(sum(flows)).multiply(BigDecimal.valueOf(seconds)),
                n.multiply(BigDecimal.valueOf(flows.size())).multiply(BigDecimal.TEN.pow(6)));
    }

    static Quotient amount(ExcessTerm term, List<BigDecimal> flows, long seconds) {
        Quotient tonnes = tonnes(term, flows, seconds);
        return new Quotient(tonnes.numerator().multiply(term.ratePerTonne()), tonnes.denominator());
    }

    static Quotient total(List<ExcessTerm> terms, List<BigDecimal> flows, long seconds) {
        Quotient total = Quotient.ZERO;
        for (ExcessTerm term : terms) {
            total = total.plus(amount(term, flows, seconds));
        }
        return total;
    }
}
