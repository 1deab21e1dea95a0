package org.basinledger.command.compensation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.basinledger.api.agreement.AssessmentPeriod;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRule.Band;
import org.basinledger.api.agreement.CompensationRule.BandPayer;
import org.basinledger.api.agreement.CompensationRule.Indicator;
import org.basinledger.api.agreement.CompensationRule.PollutantRate;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.agreement.SectionKind;
import org.basinledger.api.common.Money;
import org.basinledger.api.compliance.AssessmentResult.PollutantExcess;
import org.basinledger.command.compensation.ExactOracle.ExcessTerm;
import org.basinledger.command.compensation.ExactOracle.IndexTerm;
import org.basinledger.command.compensation.ExactOracle.Quotient;

/**
 * Both formulas against {@link ExactOracle} on generated inputs: samples with up to 6 decimals, several per
 * pollutant (so means rarely terminate), weights summing to exactly 1, and inputs built to land exactly on a
 * rounding boundary (P = x.xxxx5, P = 1, an amount of x.xx5 yuan), where any intermediate rounding shows.
 */
class CompensationFormulaPropertiesTest {

    private static final String UP = "CN-AH";
    private static final String DOWN = "CN-ZJ";
    private static final MonitoringSection SECTION =
            new MonitoringSection("S", "S", "river", SectionKind.RIVER, UP, DOWN);
    private static final Money IF_MET = Money.of("300000000.00", Money.CNY);
    private static final Money IF_NOT_MET = Money.of("100000000.00", Money.CNY);
    private static final List<Pollutant> POLLUTANTS =
            List.of(Pollutant.CODMN, Pollutant.COD, Pollutant.NH3N, Pollutant.TP, Pollutant.TN);
    private static final long[] MONTHS = {28 * 86_400L, 29 * 86_400L, 30 * 86_400L, 31 * 86_400L};

    record IndexCase(BigDecimal k, List<IndexTerm> terms) {
    }

    record ExcessCase(List<ExcessTerm> terms, List<BigDecimal> flows, long seconds) {
    }

    // --- water quality index ---

    @Property(tries = 400)
    void theIndexIsTheExactIndexRoundedOnce(@ForAll("indexCases") IndexCase c) {
        Quotient exact = ExactOracle.index(c.k(), c.terms());
        BigDecimal expected = exact.roundHalfUp(4);

        WaterQualityIndex.Outcome outcome = WaterQualityIndex.assess(indexRule(c), SECTION, indexMeans(c));

        assertThat(outcome.index()).isEqualTo(expected);
        assertIndexDecides(outcome, expected);
    }

    @Property(tries = 300)
    void anIndexExactlyOnAHalfRoundsUp(@ForAll("indexCasesOnAHalf") IndexCase c) {
        Quotient exact = ExactOracle.index(c.k(), c.terms());
        BigDecimal rounded = exact.roundHalfUp(4);
        // the generator's promise, checked independently: P is exactly rounded − 0.00005
        assertThat(exact.isExactly(rounded.subtract(new BigDecimal("0.00005")))).isTrue();

        WaterQualityIndex.Outcome outcome = WaterQualityIndex.assess(indexRule(c), SECTION, indexMeans(c));

        assertThat(outcome.index()).isEqualTo(rounded);
        assertIndexDecides(outcome, rounded);
    }

    @Property(tries = 200)
    void anIndexOfExactlyOneMeetsTheStandard(@ForAll("indexCasesAtOne") IndexCase c) {
        assertThat(ExactOracle.index(c.k(), c.terms()).isExactly(BigDecimal.ONE)).isTrue();

        WaterQualityIndex.Outcome outcome = WaterQualityIndex.assess(indexRule(c), SECTION, indexMeans(c));

        assertThat(outcome.index()).isEqualTo(new BigDecimal("1.0000"));
        assertThat(outcome.met()).isTrue();
        assertThat(outcome.payment()).isEqualTo(new Payment(DOWN, UP, IF_MET));
    }

    @Example
    void domainBoundaryCheck() {
        IndexCase c = new IndexCase(new BigDecimal("0.90"), List.of(
                new IndexTerm(d("0.25"), d("1.80"), List.of(d("1.95"))),
                new IndexTerm(d("0.25"), d("0.12"), List.of(d("0.13"))),
                new IndexTerm(d("0.25"), d("0.025"), List.of(d("0.02945"))),
                new IndexTerm(d("0.25"), d("1.20"), List.of(d("1.32")))));
        assertThat(ExactOracle.index(c.k(), c.terms()).isExactly(d("1.00005"))).isTrue();

        WaterQualityIndex.Outcome outcome = WaterQualityIndex.assess(indexRule(c), SECTION, indexMeans(c));

        assertThat(outcome.index()).isEqualTo(d("1.0001"));
        assertThat(outcome.met()).isFalse();
        assertThat(outcome.payment()).isEqualTo(new Payment(UP, DOWN, IF_NOT_MET));
    }

    @Example
    void domainWorkedChecks() {
        List<IndexTerm> atBaseline = new ArrayList<>();
        List<IndexTerm> twentyPercentOver = new ArrayList<>();
        for (String baseline : List.of("1.80", "0.09", "0.025", "1.10")) {
            atBaseline.add(new IndexTerm(d("0.25"), d(baseline), List.of(d(baseline))));
            twentyPercentOver.add(new IndexTerm(d("0.25"), d(baseline), List.of(d(baseline).multiply(d("1.2")))));
        }
        IndexCase met = new IndexCase(d("0.85"), atBaseline);
        IndexCase notMet = new IndexCase(d("0.85"), twentyPercentOver);

        assertThat(WaterQualityIndex.assess(indexRule(met), SECTION, indexMeans(met)).index()).isEqualTo(d("0.8500"));
        assertThat(WaterQualityIndex.assess(indexRule(notMet), SECTION, indexMeans(notMet)).index())
                .isEqualTo(d("1.0200"));
        // CODMn target 6, mean 7.0, Q = 10 m³/s, a 30-day month → 25.92 t × 15,000 = 388,800.00
        ExcessCase jiangsu = new ExcessCase(List.of(new ExcessTerm(d("6"), d("15000.00"), List.of(d("7.0")))),
                List.of(d("10")), 30 * 86_400L);
        ExceedancePerTonne.Outcome outcome = assessExcess(jiangsu);
        assertThat(outcome.pollutants().get(0).excessTonnes()).isEqualTo(d("25.92"));
        assertThat(outcome.payment().amount()).isEqualTo(Money.of("388800.00", Money.CNY));
    }

    private static void assertIndexDecides(WaterQualityIndex.Outcome outcome, BigDecimal expectedIndex) {
        boolean met = expectedIndex.compareTo(BigDecimal.ONE) <= 0;
        assertThat(outcome.met()).isEqualTo(met);
        assertThat(outcome.payment()).isEqualTo(met ? new Payment(DOWN, UP, IF_MET) : new Payment(UP, DOWN, IF_NOT_MET));
    }

    // --- bands of the water quality index ---

    /**
     * Bands whose upper bounds sit on the exact index's one rounding and a step or two around it: the first band
     * whose upTo the index rounded once (by the oracle) does not exceed must decide, the last band taking the
     * rest. Computed from inputs that land exactly on a half (x.xxxx5), an index rounded any other way (or
     * compared unrounded) picks the band below or above.
     */
    @Property(tries = 300)
    void theFirstBandTheIndexRoundedOnceFallsInDecides(@ForAll("indexCasesOnAHalf") IndexCase c,
                                                       @ForAll("bandSteps") List<Integer> steps) {
        assertBandsDecide(c, steps);
    }

    @Property(tries = 300)
    void bandsDecideOnRandomInputsToo(@ForAll("indexCases") IndexCase c, @ForAll("bandSteps") List<Integer> steps) {
        assertBandsDecide(c, steps);
    }

    @Property(tries = 100)
    void anIndexOfExactlyABandsUpperBoundFallsInThatBand(@ForAll("indexCasesAtOne") IndexCase c) {
        List<Band> bands = List.of(new Band(new BigDecimal("0.9999"), BandPayer.DOWNSTREAM, IF_MET),
                new Band(BigDecimal.ONE, BandPayer.DOWNSTREAM, Money.of("7.00", Money.CNY)),
                new Band(null, BandPayer.UPSTREAM, IF_NOT_MET));

        WaterQualityIndex.Outcome outcome = WaterQualityIndex.assess(bandRule(c, bands), SECTION, indexMeans(c));

        assertThat(outcome.payment()).isEqualTo(new Payment(DOWN, UP, Money.of("7.00", Money.CNY)));
    }

    private static void assertBandsDecide(IndexCase c, List<Integer> steps) {
        BigDecimal expected = ExactOracle.index(c.k(), c.terms()).roundHalfUp(4);
        List<Band> bands = new ArrayList<>();
        Band deciding = null;
        for (int i = 0; i < steps.size(); i++) {
            BigDecimal upTo = expected.add(BigDecimal.valueOf(steps.get(i), 4));
            if (upTo.signum() < 0) {
                continue;
            }
            Band band = new Band(upTo, i % 2 == 0 ? BandPayer.DOWNSTREAM : BandPayer.UPSTREAM,
                    Money.of(BigDecimal.valueOf(i + 1), Money.CNY));
            bands.add(band);
            if (deciding == null && steps.get(i) >= 0) {
                deciding = band;
            }
        }
        Band last = new Band(null, BandPayer.UPSTREAM, IF_NOT_MET);
        bands.add(last);
        Band decides = deciding == null ? last : deciding;

        WaterQualityIndex.Outcome outcome = WaterQualityIndex.assess(bandRule(c, bands), SECTION, indexMeans(c));

        assertThat(outcome.index()).isEqualTo(expected);
        assertThat(outcome.met()).isEqualTo(expected.compareTo(BigDecimal.ONE) <= 0);
        assertThat(outcome.payment()).isEqualTo(decides.payer() == BandPayer.UPSTREAM
                ? new Payment(UP, DOWN, decides.amount()) : new Payment(DOWN, UP, decides.amount()));
    }

    /** Distinct steps of 0.0001 around the index, rising: where the bands' upper bounds go. */
    @Provide
    Arbitrary<List<Integer>> bandSteps() {
        return Arbitraries.integers().between(-3, 3).set().ofMinSize(1).ofMaxSize(5).map(set -> {
            List<Integer> sorted = new ArrayList<>(set);
            sorted.sort(null);
            return sorted;
        });
    }

    private static CompensationRule bandRule(IndexCase c, List<Band> bands) {
        CompensationRule rule = indexRule(c);
        return new CompensationRule(rule.rule(), rule.sectionId(), rule.period(), rule.stabilityCoefficient(),
                rule.indicators(), null, null, null, null, null, null, null, bands);
    }

    // --- exceedance per tonne ---

    @Property(tries = 400)
    void everyAmountIsTheExactAmountRoundedOnce(@ForAll("excessCases") ExcessCase c) {
        ExceedancePerTonne.Outcome outcome = assessExcess(c);

        boolean met = true;
        for (int i = 0; i < c.terms().size(); i++) {
            ExcessTerm term = c.terms().get(i);
            PollutantExcess shown = outcome.pollutants().get(i);
            Quotient tonnes = ExactOracle.tonnes(term, c.flows(), c.seconds());
            met &= tonnes.signum() == 0;
            assertThat(shown.excessTonnes()).isEqualByComparingTo(tonnes.roundHalfUp(6));
            assertThat(shown.amount().amount()).isEqualTo(ExactOracle.amount(term, c.flows(), c.seconds()).roundHalfUp(2));
        }
        BigDecimal total = ExactOracle.total(c.terms(), c.flows(), c.seconds()).roundHalfUp(2);
        assertThat(outcome.met()).isEqualTo(met);
        if (total.signum() == 0) {
            assertThat(outcome.payment()).isNull();
        } else {
            assertThat(outcome.payment()).isEqualTo(new Payment(UP, DOWN, Money.of(total, Money.CNY)));
        }
    }

    @Property(tries = 300)
    void anAmountExactlyOnHalfACentRoundsUp(@ForAll("excessCasesOnHalfACent") ExcessCase c) {
        Quotient exact = ExactOracle.total(c.terms(), c.flows(), c.seconds());
        BigDecimal rounded = exact.roundHalfUp(2);
        assertThat(exact.isExactly(rounded.subtract(new BigDecimal("0.005")))).isTrue();

        ExceedancePerTonne.Outcome outcome = assessExcess(c);

        assertThat(outcome.payment()).isEqualTo(new Payment(UP, DOWN, Money.of(rounded, Money.CNY)));
    }

    // --- generators ---

    /** A decimal in [min, max] with 0 to {@code maxScale} decimals. */
    private static Arbitrary<BigDecimal> decimals(String min, String max, int maxScale) {
        return Arbitraries.integers().between(0, maxScale).flatMap(scale -> Arbitraries.longs()
                .between(new BigDecimal(min).scaleByPowerOfTen(scale).setScale(0, RoundingMode.CEILING).longValueExact(),
                        new BigDecimal(max).scaleByPowerOfTen(scale).setScale(0, RoundingMode.FLOOR).longValueExact())
                .map(unscaled -> Decimals.plain(BigDecimal.valueOf(unscaled, scale))));
    }

    private static Arbitrary<List<BigDecimal>> samples() {
        return decimals("0", "60", 6).list().ofMinSize(1).ofMaxSize(7);
    }

    /** n weights of up to 4 decimals, each positive, summing to exactly 1. */
    private static Arbitrary<List<BigDecimal>> weights(int n) {
        return Arbitraries.integers().between(1, 9_999).set().ofSize(n - 1).map(cuts -> {
            List<Integer> sorted = new ArrayList<>(cuts);
            sorted.sort(null);
            sorted.add(10_000);
            List<BigDecimal> weights = new ArrayList<>();
            int previous = 0;
            for (int cut : sorted) {
                weights.add(BigDecimal.valueOf(cut - previous, 4));
                previous = cut;
            }
            return weights;
        });
    }

    @Provide
    Arbitrary<IndexCase> indexCases() {
        return Arbitraries.integers().between(1, POLLUTANTS.size()).flatMap(n -> Combinators.combine(
                decimals("0.5", "1.5", 3),
                weights(n),
                decimals("0.001", "40", 4).filter(b -> b.signum() > 0).list().ofSize(n),
                samples().list().ofSize(n)).as((k, weights, baselines, samples) -> {
                    List<IndexTerm> terms = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        terms.add(new IndexTerm(weights.get(i), baselines.get(i), samples.get(i)));
                    }
                    return new IndexCase(k, terms);
                }));
    }

    @Provide
    Arbitrary<IndexCase> indexCasesOnAHalf() {
        return indexCasesLandingOn(false);
    }

    @Provide
    Arbitrary<IndexCase> indexCasesAtOne() {
        return indexCasesLandingOn(true);
    }

    /** 2^a × 5^b / 10^s: a decimal whose reciprocal is a decimal too. */
    private static Arbitrary<BigDecimal> smoothDecimals() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3)).as((a, b, s) ->
                new BigDecimal(BigInteger.TWO.pow(a).multiply(BigInteger.valueOf(5).pow(b)), s));
    }

    /**
     * Indicators but the last get random samples (any count, so their means rarely terminate) and baselines
     * {@code wᵢ × cᵢ × 100} with cᵢ smooth (ratios small enough that P can still be 1); the last indicator's baseline is {@code w × k × c'} and its n samples (n a
     * multiple of every other count) are chosen so that P is exactly the target: {@code x.xxxx5}, or 1.
     */
    private static Arbitrary<IndexCase> indexCasesLandingOn(boolean one) {
        return Arbitraries.integers().between(1, POLLUTANTS.size()).flatMap(n -> Combinators.combine(
                decimals("0.5", "1.5", 3),
                weights(n),
                smoothDecimals().list().ofSize(n),
                samples().list().ofSize(n - 1),
                Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 5_000)).as((k, weights, smooth, samples, multiple, offset) -> {
                    Fraction rest = Fraction.ZERO;
                    BigInteger count = BigInteger.valueOf(multiple);
                    List<IndexTerm> terms = new ArrayList<>();
                    for (int i = 0; i < n - 1; i++) {
                        BigDecimal baseline = weights.get(i).multiply(smooth.get(i)).scaleByPowerOfTen(2);
                        List<BigDecimal> values = samples.get(i);
                        terms.add(new IndexTerm(weights.get(i), baseline, values));
                        rest = rest.plus(Fraction.of(weights.get(i)).times(Fraction.mean(values))
                                .dividedBy(Fraction.of(baseline)));
                        BigInteger size = BigInteger.valueOf(values.size());
                        count = count.multiply(size).divide(count.gcd(size));
                    }
                    Fraction kRest = Fraction.of(k).times(rest);
                    BigDecimal target;
                    if (one) {
                        target = BigDecimal.ONE;
                    } else {
                        BigDecimal floor = kRest.round(4).add(BigDecimal.valueOf(offset, 4));
                        target = floor.add(new BigDecimal("0.00005"));
                    }
                    BigDecimal lastSmooth = smooth.get(n - 1);
                    BigDecimal w = weights.get(n - 1);
                    // P = k·rest + S / (n·c')  ⇒  S = (target − k·rest) × n × c'
                    Fraction needed = Fraction.of(target).minus(kRest)
                            .times(Fraction.of(new BigDecimal(count))).times(Fraction.of(lastSmooth));
                    if (needed.signum() < 0) {
                        return null;
                    }
                    List<BigDecimal> last = split(exactly(needed), count.intValueExact());
                    if (last == null) {
                        return null;
                    }
                    terms.add(new IndexTerm(w, w.multiply(k).multiply(lastSmooth), last));
                    return new IndexCase(k, terms);
                })).filter(c -> c != null);
    }

    @Provide
    Arbitrary<ExcessCase> excessCases() {
        return Arbitraries.integers().between(1, POLLUTANTS.size()).flatMap(n -> Combinators.combine(
                decimals("0", "20", 3).list().ofSize(n),
                decimals("0.01", "200000", 2).filter(r -> r.signum() > 0).list().ofSize(n),
                samples().list().ofSize(n),
                decimals("0.0001", "5000", 4).filter(q -> q.signum() > 0).list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.of(MONTHS[0], MONTHS[1], MONTHS[2], MONTHS[3])).as((targets, rates, samples, flows, s) -> {
                    List<ExcessTerm> terms = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        terms.add(new ExcessTerm(targets.get(i), rates.get(i).setScale(2, RoundingMode.UNNECESSARY),
                                samples.get(i)));
                    }
                    return new ExcessCase(terms, flows, s);
                }));
    }

    /**
     * One pollutant over target by exactly enough that the amount is m.mm5 yuan: the flows' sum and the rate
     * are smooth-ish, the sample count absorbs the factors 3, 7, 29, 31 of the month's seconds, and a second
     * pollutant under its target adds nothing.
     */
    @Provide
    Arbitrary<ExcessCase> excessCasesOnHalfACent() {
        return Combinators.combine(
                decimals("0", "10", 3),
                Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 1))
                        .as((a, b, c, e) -> new BigDecimal(BigInteger.TWO.pow(a).multiply(BigInteger.valueOf(3).pow(b))
                                .multiply(BigInteger.valueOf(5).pow(c)).multiply(BigInteger.valueOf(7).pow(e)), 2)),
                smoothDecimals(),
                Arbitraries.integers().between(1, 4),
                Arbitraries.of(MONTHS[0], MONTHS[1], MONTHS[2], MONTHS[3]),
                Arbitraries.longs().between(0, 10_000_000L)).as((target, rate, flowSum, flowCount, s, cents) -> {
                    BigDecimal amount = BigDecimal.valueOf(cents, 2).add(new BigDecimal("0.005"));
                    // amount = (C − t)·(SQ/nQ)·s·r/10^6  ⇒  C = t + amount·nQ·10^6 / (SQ·s·r)
                    Fraction mean = Fraction.of(target).plus(Fraction.of(amount).times(Fraction.of(flowCount))
                            .times(Fraction.of(1_000_000)).dividedBy(Fraction.of(flowSum).times(Fraction.of(s))
                                    .times(Fraction.of(rate))));
                    BigInteger count = withoutTwosAndFives(mean.denominator());
                    if (count.compareTo(BigInteger.valueOf(20_000)) > 0) {
                        return null;
                    }
                    List<BigDecimal> samples = split(exactly(mean.times(Fraction.of(new BigDecimal(count)))),
                            count.intValueExact());
                    List<BigDecimal> flows = split(flowSum, flowCount);
                    if (samples == null || flows == null || flows.stream().anyMatch(f -> f.signum() <= 0)) {
                        return null;
                    }
                    return new ExcessCase(List.of(new ExcessTerm(target, rate, samples),
                            new ExcessTerm(new BigDecimal("5"), new BigDecimal("100.00"), List.of(d("4.5"), d("5")))),
                            flows, s);
                }).filter(c -> c != null);
    }

    // --- helpers ---

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static BigInteger withoutTwosAndFives(BigInteger value) {
        BigInteger five = BigInteger.valueOf(5);
        while (value.mod(BigInteger.TWO).signum() == 0) {
            value = value.divide(BigInteger.TWO);
        }
        while (value.mod(five).signum() == 0) {
            value = value.divide(five);
        }
        return value;
    }

    /** The fraction as a decimal; the generators build only fractions that terminate. */
    private static BigDecimal exactly(Fraction value) {
        return new BigDecimal(value.numerator()).divide(new BigDecimal(value.denominator()));
    }

    /** n non-negative decimals below 10,000 summing to exactly {@code sum}; null when that is impossible. */
    private static List<BigDecimal> split(BigDecimal sum, int n) {
        BigDecimal each = sum.divide(BigDecimal.valueOf(n), 6, RoundingMode.DOWN);
        BigDecimal last = sum.subtract(each.multiply(BigDecimal.valueOf(n - 1)));
        if (last.compareTo(new BigDecimal("10000")) >= 0 || last.signum() < 0) {
            return null;
        }
        List<BigDecimal> values = new ArrayList<>();
        for (int i = 0; i < n - 1; i++) {
            values.add(each);
        }
        values.add(last);
        return values;
    }

    private static Map<Pollutant, Fraction> indexMeans(IndexCase c) {
        Map<Pollutant, Fraction> means = new EnumMap<>(Pollutant.class);
        for (int i = 0; i < c.terms().size(); i++) {
            means.put(POLLUTANTS.get(i), Fraction.mean(c.terms().get(i).samples()));
        }
        return means;
    }

    private static CompensationRule indexRule(IndexCase c) {
        List<Indicator> indicators = new ArrayList<>();
        for (int i = 0; i < c.terms().size(); i++) {
            IndexTerm term = c.terms().get(i);
            indicators.add(new Indicator(POLLUTANTS.get(i), term.baseline(), term.weight()));
        }
        return new CompensationRule(CompensationRuleType.WATER_QUALITY_INDEX, "S", AssessmentPeriod.YEAR, c.k(),
                indicators, IF_MET, IF_NOT_MET, null, null, null, null);
    }

    private static ExceedancePerTonne.Outcome assessExcess(ExcessCase c) {
        List<PollutantRate> rates = new ArrayList<>();
        Map<Pollutant, Fraction> means = new EnumMap<>(Pollutant.class);
        for (int i = 0; i < c.terms().size(); i++) {
            ExcessTerm term = c.terms().get(i);
            rates.add(new PollutantRate(POLLUTANTS.get(i), term.target(), Money.of(term.ratePerTonne(), Money.CNY)));
            means.put(POLLUTANTS.get(i), Fraction.mean(term.samples()));
        }
        CompensationRule rule = new CompensationRule(CompensationRuleType.EXCEEDANCE_PER_TONNE, "S",
                AssessmentPeriod.MONTH, null, null, null, null, rates, null, null, null);
        return ExceedancePerTonne.assess(rule, SECTION, means, Fraction.mean(c.flows()), c.seconds());
    }
}
