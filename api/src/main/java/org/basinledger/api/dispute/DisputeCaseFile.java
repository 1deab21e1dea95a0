package org.basinledger.api.dispute;

import java.time.Instant;
import java.util.List;

import org.basinledger.api.agreement.AgreementHistoryPage;
import org.basinledger.api.common.Evidence;

/**
 * Everything a mediator reviews: the dispute, its statements in order, the ruling, and the related history —
 * every event of the agreement (which includes the subject's) up to now, with actors, times and leaf indexes,
 * in the order the ledger recorded them.
 */
public record DisputeCaseFile(DisputeSummary dispute, List<Statement> statements,
                              List<AgreementHistoryPage.Entry> relatedHistory) {

    /** A statement: its number, author and role, text, evidence and time. */
    public record Statement(int number, String authorRole, String authorId, String text, List<Evidence> evidence,
                            Instant addedAt) {
    }
}
