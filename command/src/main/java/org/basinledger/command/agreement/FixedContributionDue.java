package org.basinledger.command.agreement;

/**
 * Deadline payload of {@link Agreement#FIXED_CONTRIBUTION_DUE}: the {@code year}-th contribution of the
 * {@code FIXED_CONTRIBUTION} rule at {@code ruleIndex} in the terms' compensation list.
 */
public record FixedContributionDue(int ruleIndex, int year) {
}
