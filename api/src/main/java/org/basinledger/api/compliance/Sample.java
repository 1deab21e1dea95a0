package org.basinledger.api.compliance;

import java.math.BigDecimal;
import java.time.Instant;

import org.basinledger.api.agreement.Pollutant;

/** One measurement at a monitoring section: when, which pollutant, the concentration and its unit ({@code mg/L}). */
public record Sample(Instant takenAt, Pollutant pollutant, BigDecimal value, String unit) {
}
