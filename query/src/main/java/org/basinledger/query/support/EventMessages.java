package org.basinledger.query.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/** Small helpers the projections share: aggregate sequence numbers, metadata and SQL timestamps. */
public final class EventMessages {

    private EventMessages() {
    }

    /**
     * The aggregate sequence number of an event the projection relies on for idempotency.
     *
     * @throws IllegalArgumentException when the event was not published by an aggregate: the projection
     *                                  could not tell a redelivery from a new event, so it refuses loudly
     */
    public static long aggregateSequence(EventMessage<?> message) {
        if (message instanceof DomainEventMessage<?> domain) {
            return domain.getSequenceNumber();
        }
        throw new IllegalArgumentException(message.getPayloadType().getSimpleName() + " " + message.getIdentifier()
                + " was not published by an aggregate: no sequence number to apply it idempotently");
    }

    /** A metadata value as a string, or null when absent. */
    public static String metaData(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    /** An instant as the JDBC 4.2 value of a {@code TIMESTAMP WITH TIME ZONE} column. */
    public static OffsetDateTime sqlTime(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A nullable {@code TIMESTAMP WITH TIME ZONE} column as an instant. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
