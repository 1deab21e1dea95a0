package org.basinledger.command.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.basinledger.api.incident.WarningLevel;
import org.junit.jupiter.api.Test;

/**
 * When a notice counts as missed: not acknowledged by its deadline (or acknowledged after it), not withdrawn, and
 * not already recorded as missed, so the deadline and a command that finds it overdue record the miss once.
 */
class IncidentNoticeTest {

    private static final Instant DUE = Instant.parse("2026-07-01T06:00:00Z");

    private static Incident.Notice notice() {
        return new Incident.Notice(1, "CN-ZJ", WarningLevel.ORANGE, DUE);
    }

    @Test
    void aPendingNoticeIsMissable() {
        assertThat(notice().isMissable()).isTrue();
    }

    @Test
    void aNoticeAcknowledgedByItsDeadlineIsNot() {
        Incident.Notice notice = notice();
        notice.acknowledgedAt = DUE;
        assertThat(notice.isMissable()).isFalse();
        assertThat(notice.awaitsAcknowledgement()).isFalse();
    }

    @Test
    void aNoticeAcknowledgedAfterItsDeadlineStillIsUntilTheMissIsRecorded() {
        Incident.Notice notice = notice();
        notice.acknowledgedAt = DUE.plusSeconds(1);
        assertThat(notice.isMissable()).isTrue();
        notice.missed = true;
        assertThat(notice.isMissable()).isFalse();
    }

    @Test
    void aWithdrawnNoticeIsNeitherMissableNorAwaited() {
        Incident.Notice notice = notice();
        notice.withdrawn = true;
        assertThat(notice.isMissable()).isFalse();
        assertThat(notice.awaitsAcknowledgement()).isFalse();
    }

    @Test
    void aMissedNoticeStillAwaitsItsLateAcknowledgement() {
        Incident.Notice notice = notice();
        notice.missed = true;
        assertThat(notice.awaitsAcknowledgement()).isTrue();
    }
}
