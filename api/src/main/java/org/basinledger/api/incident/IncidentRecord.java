package org.basinledger.api.incident;

/**
 * A jurisdiction's public record of answering incidents' notices: {@code notices} that fell to it (not counting
 * those withdrawn before their deadline without an answer), of which {@code acknowledgedInTime}, {@code late}
 * (acknowledged after the deadline, whether or not the miss was recorded first), {@code missed} (never
 * acknowledged after the deadline) and {@code pending} (still within the deadline); the median time from notice
 * to acknowledgement over every acknowledged notice, in seconds (null when none was acknowledged).
 */
public record IncidentRecord(String jurisdictionId, long notices, long acknowledgedInTime, long late, long missed,
                             long pending, Long medianAcknowledgementSeconds) {
}
