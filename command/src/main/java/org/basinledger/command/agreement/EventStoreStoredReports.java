package org.basinledger.command.agreement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.basinledger.api.compliance.MonitoringReportSubmittedEvent;
import org.springframework.stereotype.Component;

/**
 * {@link StoredReports} of a running ledger (and of the aggregate test fixture, over its own event store): reads
 * the agreement's stream from the sequence number asked for, never its snapshot. Reports asked for together that
 * lie close in the stream (within {@value #GAP} events) are read in one pass; farther ones each from their own
 * place. Payloads of the events passed over are never deserialized.
 */
@Component
public class EventStoreStoredReports implements StoredReports {

    /** Events passed over rather than reading the stream again from the next report asked for. */
    static final long GAP = 64;

    private final EventStore eventStore;

    public EventStoreStoredReports(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public List<StoredReportEvent> read(String agreementId, Collection<Long> sequenceNumbers) {
        List<StoredReportEvent> found = new ArrayList<>(sequenceNumbers.size());
        DomainEventStream stream = null;
        long position = -1; // the sequence number the open stream answers next (at least)
        for (long wanted : new TreeSet<>(sequenceNumbers)) {
            if (stream == null || wanted < position || wanted - position > GAP) {
                stream = eventStore.readEvents(agreementId, wanted);
            }
            DomainEventMessage<?> event = null;
            while (stream.hasNext()) {
                DomainEventMessage<?> next = stream.next();
                position = next.getSequenceNumber() + 1;
                if (next.getSequenceNumber() >= wanted) {
                    event = next;
                    break;
                }
            }
            if (event == null || event.getSequenceNumber() != wanted
                    || !(event.getPayload() instanceof MonitoringReportSubmittedEvent report)) {
                throw new IllegalStateException("event " + wanted + " of agreement " + agreementId
                        + " is not a stored monitoring report");
            }
            found.add(new StoredReportEvent(wanted, event.getIdentifier(), report));
        }
        return found;
    }
}
