package org.basinledger.api.incident;

/**
 * One change of an incident, as the live stream tells it: what happened ({@code kind}), to which notice and party
 * when it concerns one (an acknowledgement, a miss), and the incident as it is after the change.
 */
public record IncidentChange(Kind kind, String incidentId, String agreementId, Integer noticeNumber,
                             String jurisdictionId, IncidentView incident) {

    /** The changes the stream announces; {@link #eventName()} is the SSE event type. */
    public enum Kind {
        RAISED, UPDATED, LEVEL_CHANGED, ACKNOWLEDGED, MISSED, CLOSED;

        /** {@code raised}, {@code level-changed}, …: lower case, words joined by a hyphen. */
        public String eventName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
