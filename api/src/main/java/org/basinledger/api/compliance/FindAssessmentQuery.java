package org.basinledger.api.compliance;

/** Answers the {@link AssessmentView} of one assessment, or {@code null} when it is unknown. */
public record FindAssessmentQuery(String assessmentId) {
}
