package org.basinledger.api.agreement;

import java.time.Instant;
import java.util.List;

/**
 * A page of an agreement's event history. {@code sequence} numbers are per agreement, gapless from 1, and
 * never change: paging with {@code after} skips nothing and repeats nothing while events keep coming.
 */
public record AgreementHistoryPage(String agreementId, List<Entry> items, Long nextAfter) {

    /**
     * One event: {@code payload} is the event's JSON as stored; {@code leafIndex} its place in the
     * integrity log once logged (null until then).
     */
    public record Entry(long sequence, String eventId, String type, String aggregateType, String aggregateId,
                        long aggregateSequence, Instant occurredAt, String actor, String actorJurisdiction,
                        String requestId, String correlationId, String payload, Long leafIndex) {
    }
}
