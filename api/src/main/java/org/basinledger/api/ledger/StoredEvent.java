package org.basinledger.api.ledger;

import java.util.Arrays;
import java.util.Objects;

/**
 * One event as the event store holds it (a row of Axon's {@code domain_event_entry}): the identity of the event,
 * the aggregate that published it, and the serialized payload and metadata exactly as stored. An event published
 * outside any aggregate has the event identifier as aggregate identifier, sequence 0 and no aggregate type.
 * {@link LeafData#encode} turns it into the data of its leaf in the integrity log.
 *
 * @param timestamp the event's time exactly as stored (ISO-8601 text), not reparsed
 */
public record StoredEvent(String eventIdentifier, String aggregateType, String aggregateIdentifier,
                          long sequenceNumber, String payloadType, String payloadRevision, String timestamp,
                          byte[] payload, byte[] metaData) {

    public StoredEvent {
        Objects.requireNonNull(eventIdentifier, "eventIdentifier");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredEvent e && eventIdentifier.equals(e.eventIdentifier)
                && Objects.equals(aggregateType, e.aggregateType)
                && Objects.equals(aggregateIdentifier, e.aggregateIdentifier) && sequenceNumber == e.sequenceNumber
                && Objects.equals(payloadType, e.payloadType) && Objects.equals(payloadRevision, e.payloadRevision)
                && Objects.equals(timestamp, e.timestamp) && Arrays.equals(payload, e.payload)
                && Arrays.equals(metaData, e.metaData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventIdentifier, aggregateIdentifier, sequenceNumber);
    }

    @Override
    public String toString() {
        return "StoredEvent[" + eventIdentifier + " " + payloadType + " of " + aggregateType + " "
                + aggregateIdentifier + "#" + sequenceNumber + "]";
    }
}
