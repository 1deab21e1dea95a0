package org.basinledger.api.dispute;

/**
 * What the end of a dispute did to its subject: {@code RELEASED} (it stands, a report counts in assessments
 * again), {@code REPORT_REJECTED} (the report stays on record but out of assessments for good),
 * {@code ASSESSMENT_ANNULLED} (the period may be assessed again), {@code RECORDED} (the agreement or an
 * obligation: the ruling is on record, nothing else changes).
 */
public enum SubjectConsequence {
    RELEASED, REPORT_REJECTED, ASSESSMENT_ANNULLED, RECORDED
}
