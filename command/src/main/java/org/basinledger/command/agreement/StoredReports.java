package org.basinledger.command.agreement;

import java.util.Collection;
import java.util.List;
import org.basinledger.api.compliance.MonitoringReportSubmittedEvent;

/**
 * Reads back, from an agreement's own stream, the monitoring reports the agreement no longer keeps a summary of
 * (archived by {@link ComplianceRecord} once no assessment can need them): each by the sequence number of the
 * event that stored it. A command handler of {@link Agreement} takes it as a parameter when it may need such a
 * report (a late report in an assessed month, an assessment of a period freed by an annulment, a disputed report);
 * the running ledger reads the event store ({@link EventStoreStoredReports}).
 */
public interface StoredReports {

    /** A stored report event: its place in the agreement's stream, its event id and its payload. */
    record StoredReportEvent(long sequenceNumber, String eventId, MonitoringReportSubmittedEvent event) {
    }

    /**
     * The report events at these sequence numbers of the agreement's stream, in ascending order of sequence number.
     *
     * @throws IllegalStateException when one of them is not a stored monitoring report (the archive and the stream
     *                               disagree: never in a consistent ledger)
     */
    List<StoredReportEvent> read(String agreementId, Collection<Long> sequenceNumbers);
}
