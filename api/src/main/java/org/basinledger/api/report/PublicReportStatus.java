package org.basinledger.api.report;

/**
 * Where a public report stands: {@code RECEIVED} when filed, then either {@code REJECTED} by the registrar (with a
 * public reason) or {@code ASSIGNED} to a jurisdiction with an answer date, then {@code ANSWERED} by it. Being past
 * the answer date unanswered is not a status but a flag, {@code overdue}: the report stays {@code ASSIGNED}.
 */
public enum PublicReportStatus {
    RECEIVED, ASSIGNED, ANSWERED, REJECTED
}
