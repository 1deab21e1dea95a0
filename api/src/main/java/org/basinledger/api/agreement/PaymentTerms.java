package org.basinledger.api.agreement;

import java.math.BigDecimal;

/**
 * When the transfers of an agreement are due and what paying late costs: a transfer falls due on a day (the
 * anniversary of a fixed contribution, otherwise the day it is created) and must be paid by the end of that day
 * plus {@code dueDays} (its {@code dueDate}, basin time); a payment after that day owes
 * {@code amount × lateInterestDailyRate × days late} as a transfer of its own ({@code LATE_INTEREST}). A null or
 * zero rate charges no interest.
 */
public record PaymentTerms(Integer dueDays, BigDecimal lateInterestDailyRate) {
}
