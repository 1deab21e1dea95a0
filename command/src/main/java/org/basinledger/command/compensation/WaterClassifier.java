package org.basinledger.command.compensation;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.agreement.SectionKind;
import org.basinledger.api.compliance.WaterClass;

/**
 * Surface water classes of GB 3838-2002 by the single-factor method: a section's class is the worst class of
 * its measured indicators. Limits are upper limits (a value at the limit belongs to that class) except for
 * dissolved oxygen, a minimum. Means are compared exactly (a mean just above a limit is never shown-rounded
 * onto it). TP has a river row and a lake row; TN counts only for lakes.
 */
public final class WaterClassifier {

    private static final WaterClass[] CLASSES = {WaterClass.I, WaterClass.II, WaterClass.III, WaterClass.IV, WaterClass.V};
    private static final Fraction[] DO_MINIMUM = limits("7.5", "6", "5", "3", "2");
    private static final Fraction[] CODMN = limits("2", "4", "6", "10", "15");
    private static final Fraction[] COD = limits("15", "15", "20", "30", "40");
    private static final Fraction[] NH3N = limits("0.15", "0.5", "1.0", "1.5", "2.0");
    private static final Fraction[] TP_RIVER = limits("0.02", "0.1", "0.2", "0.3", "0.4");
    private static final Fraction[] TP_LAKE = limits("0.01", "0.025", "0.05", "0.1", "0.2");
    private static final Fraction[] TN_LAKE = limits("0.2", "0.5", "1.0", "1.5", "2.0");

    private WaterClassifier() {
    }

    /** The worst class over the given means; empty when none of them is an indicator of the section's kind. */
    public static Optional<WaterClass> classify(SectionKind kind, Map<Pollutant, Fraction> means) {
        return means.entrySet().stream()
                .map(e -> classOf(e.getKey(), kind, e.getValue()))
                .flatMap(Optional::stream)
                .max(Enum::compareTo);
    }

    /** The class of one indicator's value; empty when the indicator does not count for the kind (TN in a river). */
    public static Optional<WaterClass> classOf(Pollutant pollutant, SectionKind kind, Fraction value) {
        return switch (pollutant) {
            case DO -> Optional.of(atLeast(DO_MINIMUM, value));
            case CODMN -> Optional.of(atMost(CODMN, value));
            case COD -> Optional.of(atMost(COD, value));
            case NH3N -> Optional.of(atMost(NH3N, value));
            case TP -> Optional.of(atMost(kind == SectionKind.LAKE ? TP_LAKE : TP_RIVER, value));
            case TN -> kind == SectionKind.LAKE ? Optional.of(atMost(TN_LAKE, value)) : Optional.empty();
        };
    }

    private static WaterClass atMost(Fraction[] upperLimits, Fraction value) {
        for (int i = 0; i < upperLimits.length; i++) {
            if (value.compareTo(upperLimits[i]) <= 0) {
                return CLASSES[i];
            }
        }
        return WaterClass.WORSE_THAN_V;
    }

    private static WaterClass atLeast(Fraction[] minimums, Fraction value) {
        for (int i = 0; i < minimums.length; i++) {
            if (value.compareTo(minimums[i]) >= 0) {
                return CLASSES[i];
            }
        }
        return WaterClass.WORSE_THAN_V;
    }

    private static Fraction[] limits(String... values) {
        Fraction[] limits = new Fraction[values.length];
        for (int i = 0; i < values.length; i++) {
            limits[i] = Fraction.of(new BigDecimal(values[i]));
        }
        return limits;
    }
}
