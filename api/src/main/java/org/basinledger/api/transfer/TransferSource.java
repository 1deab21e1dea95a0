package org.basinledger.api.transfer;

/** What created a transfer: an assessment, a fixed contribution falling due, or the paying party itself. */
public enum TransferSource {
    ASSESSMENT, FIXED_CONTRIBUTION, PARTY
}
