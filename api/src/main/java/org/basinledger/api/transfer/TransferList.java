package org.basinledger.api.transfer;

import java.util.List;

/** Transfers, newest first: one page of them, and {@code total}, how many match the query in all. */
public record TransferList(List<TransferView> items, long total) {
}
