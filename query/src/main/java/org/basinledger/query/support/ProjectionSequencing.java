package org.basinledger.query.support;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.basinledger.api.agreement.AgreementEvent;
import org.basinledger.api.emission.EmissionEvent;

/**
 * Which events of the {@link Projections#PROCESSING_GROUP} processor must be handled in the order they were stored,
 * and so in one segment; events of different sequences may go to different segments (threads, nodes) and be
 * handled in any order relative to each other.
 *
 * <ul>
 *   <li>Every event that concerns an agreement ({@link AgreementEvent}: the agreement's own, its transfers,
 *   disputes, incidents, monitoring and assessments), whichever aggregate published it, is in the agreement's
 *   sequence: the history numbers them per agreement in handling order, the compliance view applies disputes to
 *   the reports and assessments they name, the transfers and the dispute case file follow rulings.</li>
 *   <li>An emission scheme's events are in the scheme's sequence (a trade moves allowances between two of its
 *   accounts).</li>
 *   <li>Everything else (the registry, public reports and river chiefs, transfers of emission schemes, which carry
 *   no agreement, and any event type added later) is in one sequence of its own: handled in store order, as if
 *   the processor had one segment.</li>
 * </ul>
 *
 * No projection reads, while handling an event, a row another sequence writes; queries that join read models of
 * different sequences read them as committed (a read that passes a write's position waits for every segment).
 */
public final class ProjectionSequencing implements SequencingPolicy<EventMessage<?>> {

    /** The sequence of every event that belongs to no agreement and no emission scheme. */
    public static final String SHARED_SEQUENCE = "ledger";

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        return sequenceOf(event.getPayload());
    }

    /** The sequence an event's payload belongs to. */
    public static String sequenceOf(Object payload) {
        if (payload instanceof AgreementEvent concerning && concerning.agreementId() != null) {
            return "agreement:" + concerning.agreementId();
        }
        if (payload instanceof EmissionEvent scheme && scheme.schemeId() != null) {
            return "emission-scheme:" + scheme.schemeId();
        }
        return SHARED_SEQUENCE;
    }
}
