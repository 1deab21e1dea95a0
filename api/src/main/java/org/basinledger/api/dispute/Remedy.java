package org.basinledger.api.dispute;

import org.basinledger.api.common.Money;

/**
 * What a claim asks for, applied if the claim is {@code UPHELD}: a {@link RemedyType} that fits the subject, and
 * for {@code ADJUST} the {@code amount} the transfer should ask (above 0, in the transfer's currency); no amount
 * for the others.
 */
public record Remedy(RemedyType type, Money amount) {
}
