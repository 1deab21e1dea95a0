package org.basinledger.api.incident;

import java.time.Instant;
import java.util.List;

import org.basinledger.api.common.Evidence;
import org.basinledger.api.agreement.EmergencyTerms;

/**
 * A party ({@code raisedBy}) raised an incident at {@code sectionId} of an agreement in force, and every other
 * party got a notice ({@code notices}). {@code emergency}: the agreement's emergency duties at raising, which the
 * incident keeps to its end (the deadlines of later levels, the penalty of a missed notice).
 */
public record IncidentRaisedEvent(String incidentId, String agreementId, String sectionId, WarningLevel level,
                                  String pollutant, String description, Instant detectedAt, List<Evidence> evidence,
                                  String raisedBy, Instant raisedAt, List<IncidentNotice> notices,
                                  EmergencyTerms emergency)
        implements IncidentEvent {
}
