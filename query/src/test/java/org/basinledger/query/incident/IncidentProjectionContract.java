package org.basinledger.query.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.query.support.Events.at;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.Money;
import org.basinledger.api.incident.FindIncidentQuery;
import org.basinledger.api.incident.FindIncidentRecordQuery;
import org.basinledger.api.incident.IncidentAcknowledgedEvent;
import org.basinledger.api.incident.IncidentAcknowledgementMissedEvent;
import org.basinledger.api.incident.IncidentClosedEvent;
import org.basinledger.api.incident.IncidentLevelChangedEvent;
import org.basinledger.api.incident.IncidentNotice;
import org.basinledger.api.incident.IncidentRaisedEvent;
import org.basinledger.api.incident.IncidentRecord;
import org.basinledger.api.incident.IncidentStatus;
import org.basinledger.api.incident.IncidentUpdatedEvent;
import org.basinledger.api.incident.IncidentView;
import org.basinledger.api.incident.ListIncidentsQuery;
import org.basinledger.api.incident.WarningLevel;
import org.basinledger.query.support.Events;
import org.basinledger.query.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The incident projection, its lists and the jurisdictions' incident records against a real database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IncidentProjectionContract {

    private static final String JS = "CN-JS";
    private static final String ZJ = "CN-ZJ";
    private static final String SH = "CN-SH";
    private static final List<Evidence> EVIDENCE = List.of(new Evidence("a".repeat(64),
            "https://example.org/<b>jinze</b>.pdf", "sampling record"));

    private TestDatabase db;
    private IncidentProjection projection;

    abstract TestDatabase openDatabase();

    @BeforeAll
    void openDb() {
        db = openDatabase();
    }

    @AfterAll
    void closeDb() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void setUp() {
        db.clean();
        projection = new IncidentProjection(db.jdbc(), Events.objectMapper());
    }

    private void deliver(String incidentId, long sequence, Object payload, Instant at) {
        EventMessage<?> message = Events.domain("Incident", incidentId, sequence, payload, at, JS);
        if (payload instanceof IncidentRaisedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof IncidentAcknowledgedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof IncidentAcknowledgementMissedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof IncidentUpdatedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof IncidentLevelChangedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof IncidentClosedEvent e) {
            projection.on(e, message);
        } else {
            throw new IllegalArgumentException("not an incident event: " + payload);
        }
    }

    private static IncidentRaisedEvent raised(String id, String agreementId, WarningLevel level, int minute) {
        Instant at = at(minute);
        return new IncidentRaisedEvent(id, agreementId, "JINZE", level, "chlorophyll-a", "Algae <script>", at(minute - 30),
                EVIDENCE, JS, at, List.of(new IncidentNotice(1, SH, level, at, at.plus(Duration.ofHours(6))),
                new IncidentNotice(2, ZJ, level, at, at.plus(Duration.ofHours(6)))), null);
    }

    private IncidentView find(String id) {
        return projection.handle(new FindIncidentQuery(id));
    }

    @Test
    void anIncidentIsRaisedAcknowledgedMissedRaisedInLevelAndClosed() {
        Instant t = at(0);
        Instant due = t.plus(Duration.ofHours(6));
        deliver("I-1", 0, raised("I-1", "AG-1", WarningLevel.ORANGE, 0), t);
        deliver("I-1", 1, new IncidentAcknowledgedEvent("I-1", "AG-1", 1, SH, WarningLevel.ORANGE, due,
                t.plusSeconds(600), false, "Intake closed"), t.plusSeconds(600));
        deliver("I-1", 2, new IncidentAcknowledgementMissedEvent("I-1", "AG-1", 2, ZJ, WarningLevel.ORANGE, due, JS,
                Money.of("500000", Money.CNY), "T-PEN"), due);
        Instant later = due.plusSeconds(60);
        deliver("I-1", 3, new IncidentUpdatedEvent("I-1", "AG-1", 1, JS, "Toxins found", EVIDENCE, later), later);
        deliver("I-1", 4, new IncidentLevelChangedEvent("I-1", "AG-1", WarningLevel.ORANGE, WarningLevel.RED, JS,
                later, List.of(), List.of(new IncidentNotice(3, SH, WarningLevel.RED, later,
                later.plus(Duration.ofHours(1))), new IncidentNotice(4, ZJ, WarningLevel.RED, later,
                later.plus(Duration.ofHours(1))))), later);
        Instant closed = later.plusSeconds(120);
        deliver("I-1", 5, new IncidentClosedEvent("I-1", "AG-1", JS, "Over", closed, List.of(3, 4)), closed);

        IncidentView view = find("I-1");
        assertThat(view.status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(view.level()).isEqualTo(WarningLevel.RED);
        assertThat(view.description()).isEqualTo("Algae <script>");
        assertThat(view.evidence()).isEqualTo(EVIDENCE);
        assertThat(view.version()).isEqualTo(5);
        assertThat(view.closedBy()).isEqualTo(JS);
        assertThat(view.summary()).isEqualTo("Over");
        assertThat(view.closedAt()).isEqualTo(closed);
        assertThat(view.notices()).containsExactly(
                new IncidentView.Notice(1, SH, WarningLevel.ORANGE, t, due, t.plusSeconds(600), false,
                        "Intake closed", false, null, false),
                new IncidentView.Notice(2, ZJ, WarningLevel.ORANGE, t, due, null, false, null, true, "T-PEN", false),
                new IncidentView.Notice(3, SH, WarningLevel.RED, later, later.plus(Duration.ofHours(1)), null, false,
                        null, false, null, true),
                new IncidentView.Notice(4, ZJ, WarningLevel.RED, later, later.plus(Duration.ofHours(1)), null, false,
                        null, false, null, true));
        assertThat(view.updates()).containsExactly(
                new IncidentView.Update(1, JS, "Toxins found", EVIDENCE, WarningLevel.RED, later));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        Instant t = at(0);
        deliver("I-1", 0, raised("I-1", "AG-1", WarningLevel.BLUE, 0), t);
        IncidentUpdatedEvent update = new IncidentUpdatedEvent("I-1", "AG-1", 1, ZJ, "More", List.of(), t);
        deliver("I-1", 1, update, t);
        deliver("I-1", 1, update, t);
        deliver("I-1", 0, raised("I-1", "AG-1", WarningLevel.BLUE, 0), t);

        assertThat(find("I-1").updates()).hasSize(1);
        assertThat(find("I-1").notices()).hasSize(2);
        assertThat(db.count("incident_update")).isEqualTo(1);
    }

    @Test
    void listsNewestFirstByAgreementStatusAndLevel() {
        deliver("I-1", 0, raised("I-1", "AG-1", WarningLevel.BLUE, 0), at(0));
        deliver("I-2", 0, raised("I-2", "AG-1", WarningLevel.RED, 10), at(10));
        deliver("I-3", 0, raised("I-3", "AG-2", WarningLevel.RED, 20), at(20));
        deliver("I-2", 1, new IncidentClosedEvent("I-2", "AG-1", JS, "Over", at(30), List.of(1, 2)), at(30));

        assertThat(ids(null, null, null)).containsExactly("I-3", "I-2", "I-1");
        assertThat(ids("AG-1", null, null)).containsExactly("I-2", "I-1");
        assertThat(ids(null, IncidentStatus.OPEN, null)).containsExactly("I-3", "I-1");
        assertThat(ids(null, null, WarningLevel.RED)).containsExactly("I-3", "I-2");
        assertThat(ids("AG-1", IncidentStatus.OPEN, WarningLevel.RED)).isEmpty();
        assertThat(projection.handle(new ListIncidentsQuery(null, null, null, 1, 1)).items())
                .extracting(IncidentView::id).containsExactly("I-2");
        assertThat(projection.handle(new ListIncidentsQuery(null, null, null, 1, 1)).total()).isEqualTo(3);
        assertThat(find("I-404")).isNull();
    }

    private List<String> ids(String agreementId, IncidentStatus status, WarningLevel level) {
        return projection.handle(new ListIncidentsQuery(agreementId, status, level, 0, 50)).items().stream()
                .map(IncidentView::id).toList();
    }

    @Test
    void aJurisdictionsRecordCountsInTimeLateMissedAndPendingWithTheMedianTime() {
        // Zhejiang: I-1 in time after 600 s; I-2 missed, then late after 7 h; I-3 missed; I-4 pending; I-5 withdrawn
        for (int i = 1; i <= 5; i++) {
            deliver("I-" + i, 0, raised("I-" + i, "AG-1", WarningLevel.ORANGE, 0), at(0));
        }
        Instant t = at(0);
        Instant due = t.plus(Duration.ofHours(6));
        deliver("I-1", 1, new IncidentAcknowledgedEvent("I-1", "AG-1", 2, ZJ, WarningLevel.ORANGE, due,
                t.plusSeconds(600), false, null), t);
        deliver("I-2", 1, new IncidentAcknowledgementMissedEvent("I-2", "AG-1", 2, ZJ, WarningLevel.ORANGE, due, JS,
                null, null), due);
        deliver("I-2", 2, new IncidentAcknowledgedEvent("I-2", "AG-1", 2, ZJ, WarningLevel.ORANGE, due,
                t.plus(Duration.ofHours(7)), true, null), due);
        deliver("I-3", 1, new IncidentAcknowledgementMissedEvent("I-3", "AG-1", 2, ZJ, WarningLevel.ORANGE, due, JS,
                null, null), due);
        deliver("I-5", 1, new IncidentClosedEvent("I-5", "AG-1", JS, "Over", t, List.of(1, 2)), t);

        assertThat(projection.handle(new FindIncidentRecordQuery(ZJ)))
                .isEqualTo(new IncidentRecord(ZJ, 4, 1, 1, 1, 1, 600L));
        assertThat(projection.handle(new FindIncidentRecordQuery("CN-XX")))
                .isEqualTo(new IncidentRecord("CN-XX", 0, 0, 0, 0, 0, null));
    }

    @Test
    void aResetEmptiesEveryTable() {
        deliver("I-1", 0, raised("I-1", "AG-1", WarningLevel.BLUE, 0), at(0));
        deliver("I-1", 1, new IncidentUpdatedEvent("I-1", "AG-1", 1, ZJ, "More", List.of(), at(1)), at(1));
        projection.reset();
        assertThat(db.count("incident")).isZero();
        assertThat(db.count("incident_notice")).isZero();
        assertThat(db.count("incident_update")).isZero();
    }
}
