package org.basinledger.api.dispute;

import java.util.Arrays;
import java.util.List;

/**
 * What a claim asks the ledger to do to its subject if it is {@code UPHELD}: {@code CANCEL} a transfer (paid
 * already: all of it refunded), {@code ADJUST} a transfer's amount, or an assessment's transfer's (paid already:
 * the difference refunded or topped up; the assessment stands), {@code ANNUL} an assessment (its period may be
 * assessed again, its transfer cancelled), {@code REJECT} a monitoring report (out of assessments for good). A
 * claim on the agreement itself or an obligation has no remedy the ledger applies: its ruling is recorded.
 */
public enum RemedyType {
    CANCEL(SubjectType.TRANSFER),
    ADJUST(SubjectType.TRANSFER, SubjectType.ASSESSMENT),
    ANNUL(SubjectType.ASSESSMENT),
    REJECT(SubjectType.MONITORING_REPORT);

    private final List<SubjectType> subjects;

    RemedyType(SubjectType... subjects) {
        this.subjects = List.of(subjects);
    }

    /** Whether a claim on a subject of this type may ask for it. */
    public boolean appliesTo(SubjectType subject) {
        return subjects.contains(subject);
    }

    /** The remedies a claim on a subject of this type may ask for (none for the agreement or an obligation). */
    public static List<RemedyType> forSubject(SubjectType subject) {
        return Arrays.stream(values()).filter(r -> r.appliesTo(subject)).toList();
    }

    /**
     * What {@code UPHELD} does when the claim named no remedy (every dispute raised before remedies existed, and
     * clients that leave it out): cancel a transfer, annul an assessment, reject a report; null for the agreement
     * or an obligation (the ruling is recorded).
     */
    public static RemedyType defaultFor(SubjectType subject) {
        return switch (subject) {
            case TRANSFER -> CANCEL;
            case ASSESSMENT -> ANNUL;
            case MONITORING_REPORT -> REJECT;
            case AGREEMENT, OBLIGATION -> null;
        };
    }
}
