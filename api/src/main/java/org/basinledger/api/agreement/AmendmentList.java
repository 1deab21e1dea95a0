package org.basinledger.api.agreement;

import java.util.List;

/** Every amendment of an agreement, by number. */
public record AmendmentList(String agreementId, List<AmendmentView> items) {
}
