package org.basinledger.api.transfer;

import java.util.List;

/** Transfers, newest first. */
public record TransferList(List<TransferView> items) {
}
