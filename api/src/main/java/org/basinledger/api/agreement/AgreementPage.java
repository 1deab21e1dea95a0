package org.basinledger.api.agreement;

import java.util.List;

/** One page of agreements. */
public record AgreementPage(List<AgreementStatusView> items, int page, int size, long totalItems, int totalPages) {
}
