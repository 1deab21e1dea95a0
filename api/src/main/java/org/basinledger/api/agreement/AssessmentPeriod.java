package org.basinledger.api.agreement;

/**
 * The period a rule is assessed over: a calendar year ({@code 2025}), quarter ({@code 2025-Q3}: July to September)
 * or month ({@code 2025-03}).
 */
public enum AssessmentPeriod {
    YEAR, QUARTER, MONTH
}
