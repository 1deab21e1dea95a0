package org.basinledger.api.compliance;

import java.math.BigDecimal;
import java.util.List;

import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.Money;

/**
 * The outcome of an assessment: whether the standard was met, the index P (4 decimals, water-quality-index
 * rules) or the excess per pollutant (exceedance rules), the section's GB 3838-2002 class for the period, and
 * who pays whom how much (all null when nothing is owed).
 */
public record AssessmentResult(boolean met, BigDecimal index, List<PollutantExcess> pollutants,
                               WaterClass waterClass, String payer, String payee, Money amount) {

    /** One pollutant of an exceedance rule: its mean, target, excess tonnes (0 when under) and the amount for it. */
    public record PollutantExcess(Pollutant pollutant, BigDecimal mean, BigDecimal target, BigDecimal excessTonnes,
                                  Money amount) {
    }
}
