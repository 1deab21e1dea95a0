package org.basinledger.query.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.query.support.Events.at;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.report.ActionTaken;
import org.basinledger.api.report.FindPublicReportByTrackingCodeQuery;
import org.basinledger.api.report.FindPublicReportQuery;
import org.basinledger.api.report.FindPublicReportRecordQuery;
import org.basinledger.api.report.FindPublicReportStatisticsQuery;
import org.basinledger.api.report.ListPublicReportsQuery;
import org.basinledger.api.report.ListRiverChiefsQuery;
import org.basinledger.api.report.PublicReportAnsweredEvent;
import org.basinledger.api.report.PublicReportAssignedEvent;
import org.basinledger.api.report.PublicReportCategory;
import org.basinledger.api.report.PublicReportFiledEvent;
import org.basinledger.api.report.PublicReportOverdueEvent;
import org.basinledger.api.report.PublicReportRejectedEvent;
import org.basinledger.api.report.PublicReportStatistics;
import org.basinledger.api.report.PublicReportStatus;
import org.basinledger.api.report.PublicReportView;
import org.basinledger.api.report.ReportPhoto;
import org.basinledger.api.report.ReportPlace;
import org.basinledger.api.report.RiverChiefAppointedEvent;
import org.basinledger.api.report.RiverChiefTermEndedEvent;
import org.basinledger.api.report.RiverChiefView;
import org.basinledger.query.support.Events;
import org.basinledger.query.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The public-report projection, its lists, records and river chiefs against a real database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PublicReportProjectionContract {

    private static final String JX = "CN-ZJ-JX";
    private static final String WJ = "CN-JS-WJ";
    private static final LocalDate ANSWER_BY = LedgerCalendar.dateOf(at(0)).plusDays(10);

    private TestDatabase db;
    private PublicReportProjection projection;

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
        projection = new PublicReportProjection(db.jdbc(), Events.objectMapper());
    }

    private void deliver(String aggregateId, long sequence, Object payload, Instant at) {
        EventMessage<?> message = Events.domain("PublicReport", aggregateId, sequence, payload, at, null);
        if (payload instanceof PublicReportFiledEvent e) {
            projection.on(e, message);
        } else if (payload instanceof PublicReportAssignedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof PublicReportRejectedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof PublicReportAnsweredEvent e) {
            projection.on(e, message);
        } else if (payload instanceof PublicReportOverdueEvent e) {
            projection.on(e, message);
        } else if (payload instanceof RiverChiefAppointedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof RiverChiefTermEndedEvent e) {
            projection.on(e, message);
        } else {
            throw new IllegalArgumentException("not a public report event: " + payload);
        }
    }

    private static PublicReportFiledEvent filed(String id, String water, String section, String contactHash) {
        return new PublicReportFiledEvent(id, hash(id), "Taihu",
                null, section, water, new ReportPlace("Jinze <bridge>", new BigDecimal("31.04010"),
                new BigDecimal("120.91")), PublicReportCategory.FISH_KILL, "Dead fish <script>", at(-60),
                List.of(new ReportPhoto("b".repeat(64), "https://photos.example/1.jpg")), contactHash);
    }

    private static String hash(String id) {
        return String.format("%064x", Math.abs((long) id.hashCode()));
    }

    private PublicReportView find(String id) {
        return projection.handle(new FindPublicReportQuery(id));
    }

    @Test
    void aReportIsFiledAssignedFallsOverdueAndIsAnsweredLateAndARedeliveryChangesNothing() {
        deliver("R-1", 0, filed("R-1", "Taipu River", "JINZE", "c".repeat(64)), at(0));
        deliver("R-1", 0, filed("R-1", "Other", null, null), at(5));
        deliver("R-1", 1, new PublicReportAssignedEvent("R-1", JX, ANSWER_BY), at(10));
        deliver("R-1", 1, new PublicReportAssignedEvent("R-1", WJ, ANSWER_BY), at(11));
        Instant due = LedgerCalendar.endOf(ANSWER_BY);
        deliver("R-1", 2, new PublicReportOverdueEvent("R-1", JX, ANSWER_BY), due);

        PublicReportView overdue = find("R-1");
        assertThat(overdue.status()).isEqualTo(PublicReportStatus.ASSIGNED);
        assertThat(overdue.overdue()).isTrue();
        assertThat(overdue.overdueSince()).isEqualTo(due);
        assertThat(overdue.jurisdictionId()).isEqualTo(JX);
        assertThat(overdue.waterBody()).isEqualTo("Taipu River");
        assertThat(overdue.description()).isEqualTo("Dead fish <script>");
        assertThat(overdue.place().latitude()).isEqualTo(new BigDecimal("31.0401"));
        assertThat(overdue.place().longitude().toPlainString()).isEqualTo("120.91");
        assertThat(overdue.photos()).hasSize(1);
        assertThat(overdue.version()).isEqualTo(2);
        assertThat(projection.handle(new FindPublicReportRecordQuery(JX)).overdue()).isEqualTo(1);

        Instant late = due.plus(Duration.ofDays(2));
        List<Evidence> evidence = List.of(new Evidence("d".repeat(64), "https://jx.example/a.pdf", "inspection"));
        deliver("R-1", 3, new PublicReportAnsweredEvent("R-1", JX, "Closed the outfall.", ActionTaken.ENFORCEMENT,
                evidence, ANSWER_BY, false), late);
        PublicReportView answered = find("R-1");
        assertThat(answered.status()).isEqualTo(PublicReportStatus.ANSWERED);
        assertThat(answered.overdue()).isFalse();
        assertThat(answered.answer().inTime()).isFalse();
        assertThat(answered.answer().evidence()).isEqualTo(evidence);
        assertThat(answered.answer().answeredAt()).isEqualTo(late);
        assertThat(projection.handle(new FindPublicReportByTrackingCodeQuery(hash("R-1"))).id()).isEqualTo("R-1");
        assertThat(projection.handle(new FindPublicReportByTrackingCodeQuery("0".repeat(64)))).isNull();
    }

    @Test
    void listsRecordsStatisticsAndRiverChiefsWithTheRecordOfTheirTerms() {
        deliver("R-1", 0, filed("R-1", "Taipu River", "JINZE", null), at(0));
        deliver("R-1", 1, new PublicReportAssignedEvent("R-1", WJ, ANSWER_BY), at(1));
        deliver("R-1", 2, new PublicReportAnsweredEvent("R-1", WJ, "Done", ActionTaken.INVESTIGATED, List.of(),
                ANSWER_BY, true), at(1 + 24 * 60));
        deliver("R-2", 0, filed("R-2", null, "JINZE", null), at(2));
        deliver("R-2", 1, new PublicReportAssignedEvent("R-2", WJ, ANSWER_BY), at(3));
        deliver("R-2", 2, new PublicReportAnsweredEvent("R-2", WJ, "Done", ActionTaken.INVESTIGATED, List.of(),
                ANSWER_BY, true), at(2 + 3 * 24 * 60));
        deliver("R-3", 0, filed("R-3", "Taipu River", null, null), at(4));
        deliver("R-3", 1, new PublicReportRejectedEvent("R-3", "Duplicate of R-1"), at(5));
        deliver("R-4", 0, filed("R-4", "Taihu", null, null), at(6));

        assertThat(projection.handle(new ListPublicReportsQuery(null, null, null, null, 0, 10)).items())
                .extracting(PublicReportView::id).containsExactly("R-4", "R-3", "R-2", "R-1");
        assertThat(projection.handle(new ListPublicReportsQuery("Taihu", WJ, PublicReportStatus.ANSWERED,
                "Taipu River", 0, 10)).items()).extracting(PublicReportView::id).containsExactly("R-1");
        assertThat(projection.handle(new ListPublicReportsQuery(null, null, null, null, 1, 2)).total()).isEqualTo(4);

        var record = projection.handle(new FindPublicReportRecordQuery(WJ));
        assertThat(record.received()).isEqualTo(2);
        assertThat(record.answeredInTime()).isEqualTo(2);
        // 1 day and 3 days from filing to answer: the median is 2.0
        assertThat(record.medianDaysToAnswer()).isEqualByComparingTo("2.0");

        PublicReportStatistics all = projection.handle(new FindPublicReportStatisticsQuery(null, null));
        assertThat(all.all().received()).isEqualTo(4);
        assertThat(all.all().rejected()).isEqualTo(1);
        assertThat(all.waterBodies()).extracting(PublicReportStatistics.Row::key).containsExactly("Taihu",
                "Taipu River");
        assertThat(all.jurisdictions()).extracting(PublicReportStatistics.Row::key).containsExactly(WJ);
        assertThat(all.months()).hasSize(1);
        assertThat(projection.handle(new FindPublicReportStatisticsQuery(null, "Taipu River")).all().received())
                .isEqualTo(2);

        LocalDate filedOn = LedgerCalendar.dateOf(at(0));
        deliver(WJ, 5, new RiverChiefAppointedEvent(WJ, "C-1", "Shen", "Deputy head", "Taipu River",
                List.of("JINZE"), filedOn.minusYears(1)), at(0));
        deliver(WJ, 6, new RiverChiefAppointedEvent(WJ, "C-0", "Li", "Former head", "Taipu River", List.of(),
                filedOn.minusYears(3)), at(0));
        deliver(WJ, 7, new RiverChiefTermEndedEvent(WJ, "C-0", filedOn.minusYears(1).minusDays(1)), at(0));
        deliver(WJ, 7, new RiverChiefTermEndedEvent(WJ, "C-0", filedOn), at(0));
        List<RiverChiefView> chiefs = projection.handle(new ListRiverChiefsQuery("Taipu River", null)).items();
        assertThat(chiefs).extracting(RiverChiefView::chiefId).containsExactly("C-0", "C-1");
        assertThat(chiefs.get(0).to()).as("ended once").isEqualTo(filedOn.minusYears(1).minusDays(1));
        assertThat(chiefs.get(0).record().received()).isZero();
        // R-1 names the water, R-2 only the chief's section: both are of C-1's term
        assertThat(chiefs.get(1).record().received()).isEqualTo(2);
        assertThat(chiefs.get(1).sectionIds()).containsExactly("JINZE");
        assertThat(projection.handle(new ListRiverChiefsQuery(null, JX)).items()).isEmpty();
    }
}
