package org.basinledger.api.agreement;

/** The compensation formulas of DOMAIN.md. */
public enum CompensationRuleType {
    WATER_QUALITY_INDEX, EXCEEDANCE_PER_TONNE, FIXED_CONTRIBUTION
}
