package org.basinledger.api.incident;

/** A jurisdiction's incident record; answers an {@link IncidentRecord}. */
public record FindIncidentRecordQuery(String jurisdictionId) {
}
