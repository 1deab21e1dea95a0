package org.basinledger.api.transfer;

/**
 * What created a transfer: an assessment, a fixed contribution falling due, the paying party itself, or a ruling
 * that changed the amount of a transfer already paid: {@code REFUND} (the ruling lowered or cancelled it: the
 * difference goes back from its payee to its payer) or {@code TOP_UP} (the ruling raised it: the difference from
 * its payer to its payee). A refund or top-up names the transfer it corrects. {@code LATE_INTEREST}: a transfer
 * was paid after its due date under payment terms with a late-interest rate; its {@code sourceId} names that
 * transfer. {@code PENALTY}: a party did not acknowledge an incident's notice in time under terms that set a
 * penalty for it; its {@code sourceId} names the incident. Emission schemes ({@code schemeId} set, no agreement):
 * {@code ALLOCATION} (paid issuance, holder to authority), {@code TRADE} (the price of a completed trade, buyer to
 * seller), {@code PENALTY} (a deficit at a surrender deadline, holder to authority).
 */
public enum TransferSource {
    ASSESSMENT, FIXED_CONTRIBUTION, PARTY, REFUND, TOP_UP, LATE_INTEREST, PENALTY, ALLOCATION, TRADE;

    /** Whether the ledger creates it to correct another transfer after a ruling. */
    public boolean isCorrection() {
        return this == REFUND || this == TOP_UP;
    }
}
