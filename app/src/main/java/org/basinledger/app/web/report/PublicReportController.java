package org.basinledger.app.web.report;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.registry.FindJurisdictionQuery;
import org.basinledger.api.registry.JurisdictionView;
import org.basinledger.api.report.ActionTaken;
import org.basinledger.api.report.AnswerPublicReportCommand;
import org.basinledger.api.report.AppointRiverChiefCommand;
import org.basinledger.api.report.AssignPublicReportCommand;
import org.basinledger.api.report.EndRiverChiefTermCommand;
import org.basinledger.api.report.FindPublicReportRecordQuery;
import org.basinledger.api.report.FindPublicReportStatisticsQuery;
import org.basinledger.api.report.ListPublicReportsQuery;
import org.basinledger.api.report.ListRiverChiefsQuery;
import org.basinledger.api.report.PublicReportCategory;
import org.basinledger.api.report.PublicReportList;
import org.basinledger.api.report.PublicReportRecord;
import org.basinledger.api.report.PublicReportStatistics;
import org.basinledger.api.report.PublicReportStatus;
import org.basinledger.api.report.PublicReportView;
import org.basinledger.api.report.RejectPublicReportCommand;
import org.basinledger.api.report.ReportContact;
import org.basinledger.api.report.ReportPhoto;
import org.basinledger.api.report.ReportPlace;
import org.basinledger.api.report.RiverChiefList;
import org.basinledger.api.report.RiverChiefView;
import org.basinledger.app.report.PublicReportContacts;
import org.basinledger.app.report.PublicReports;
import org.basinledger.app.security.Access;
import org.basinledger.app.web.Commands;
import org.basinledger.app.web.IdempotencyFilter;
import org.basinledger.app.web.ListPage;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public reports and river chiefs (API.md): anyone files a report without a token and follows it by its tracking code;
 * the registrar assigns or rejects it; the assigned jurisdiction answers; the reporter erases the contact. Reports,
 * records and river chiefs are public; a contact only for the registrar and the assigned jurisdiction.
 */
@RestController
@RequestMapping("/api/v1")
public class PublicReportController {

    /** The header that proves the reporter: the tracking code shown when the report was filed. */
    public static final String TRACKING_CODE = "X-Tracking-Code";

    private final PublicReports reports;
    private final Commands commands;
    private final QueryGateway queries;
    private final ObjectMapper json;

    public PublicReportController(PublicReports reports, Commands commands, QueryGateway queries, ObjectMapper json) {
        this.reports = reports;
        this.commands = commands;
        this.queries = queries;
        this.json = json;
    }

    public record FileReportRequest(String basin, String agreementId, String sectionId, String waterBody,
                                    ReportPlace place, PublicReportCategory category, String description,
                                    Instant observedAt, List<ReportPhoto> photos, ReportContact contact) {
    }

    /** The answer to a filing: the tracking code is shown here once. */
    public record FiledReport(String id, String trackingCode, PublicReportStatus status, long version, String note) {
    }

    public record AssignmentRequest(String jurisdictionId, LocalDate answerBy) {
    }

    public record RejectionRequest(String reason) {
    }

    public record AnswerRequest(String text, ActionTaken actionTaken, List<Evidence> evidence) {
    }

    /** A report's contact as kept: {@code KEPT} with its fields, {@code ERASED} (given, then erased) or {@code NONE}. */
    public record ContactAnswer(String reportId, String state, String name, String phone, String email) {
    }

    public record RiverChiefRequest(String name, String office, String waterBody, List<String> sectionIds,
                                    LocalDate from) {
    }

    public record EndTermRequest(LocalDate to) {
    }

    @PostMapping("/public-reports")
    public ResponseEntity<FiledReport> file(@RequestBody FileReportRequest body, Caller caller,
                                            HttpServletRequest request) throws JsonProcessingException {
        if (body == null) {
            throw new InvalidInputException("body", "is required");
        }
        PublicReports.Filed filed = reports.file(new PublicReports.Filing(body.basin(), body.agreementId(),
                body.sectionId(), body.waterBody(), body.place(), body.category(), body.description(),
                body.observedAt(), body.photos(), body.contact()), caller, request);
        // a retry with the same Idempotency-Key is not shown the tracking code again: it is stored nowhere
        IdempotencyFilter.recordInstead(request, json.writeValueAsBytes(new FiledReport(filed.id(), null,
                filed.view().status(), filed.view().version(), "the tracking code was shown once, in the first"
                + " answer, and is stored nowhere")));
        return ResponseEntity.created(URI.create("/api/v1/public-reports/" + filed.id()))
                .body(new FiledReport(filed.id(), filed.trackingCode(), filed.view().status(),
                        filed.view().version(), null));
    }

    @GetMapping("/public-reports/{id}")
    public ResponseEntity<PublicReportView> get(@PathVariable String id) {
        PublicReportView view = reports.find(id);
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view);
    }

    /** The report the tracking code in {@code X-Tracking-Code} belongs to (a header, so the code is in no URL or log). */
    @GetMapping("/public-reports/tracked")
    public PublicReportView tracked(@RequestHeader(name = TRACKING_CODE, required = false) String code) {
        PublicReportView view = code == null ? null : reports.tracked(code);
        if (view == null) {
            throw new NotFoundException("no public report has this tracking code");
        }
        return view;
    }

    @GetMapping("/public-reports")
    public ListPage<PublicReportView> list(@RequestParam(required = false) String basin,
                                           @RequestParam(required = false) String jurisdictionId,
                                           @RequestParam(required = false) PublicReportStatus status,
                                           @RequestParam(required = false) String waterBody,
                                           @RequestParam(defaultValue = "0") int page,
                                           @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size) {
        long offset = ListPage.offset(page, size);
        PublicReportList found = queries.query(new ListPublicReportsQuery(basin, jurisdictionId, status, waterBody,
                offset, size), PublicReportList.class).join();
        return ListPage.of(found.items(), page, size, found.total());
    }

    @PostMapping("/public-reports/{id}/assignment")
    public ResponseEntity<PublicReportView> assign(@PathVariable String id, @RequestBody AssignmentRequest body,
                                                   Caller caller, HttpServletRequest request) {
        Access.requireRegistrar(caller);
        reports.find(id);
        commands.send(new AssignPublicReportCommand(id, body.jurisdictionId(), body.answerBy()), caller, request);
        return get(id);
    }

    @PostMapping("/public-reports/{id}/rejection")
    public ResponseEntity<PublicReportView> reject(@PathVariable String id, @RequestBody RejectionRequest body,
                                                   Caller caller, HttpServletRequest request) {
        Access.requireRegistrar(caller);
        reports.find(id);
        commands.send(new RejectPublicReportCommand(id, body.reason()), caller, request);
        return get(id);
    }

    @PostMapping("/public-reports/{id}/answer")
    public ResponseEntity<PublicReportView> answer(@PathVariable String id, @RequestBody AnswerRequest body,
                                                   Caller caller, HttpServletRequest request) {
        String jurisdiction = Access.requireJurisdiction(caller);
        reports.find(id);
        commands.send(new AnswerPublicReportCommand(id, jurisdiction, body.text(), body.actionTaken(),
                body.evidence()), caller, request);
        return get(id);
    }

    /** The contact: the registrar's and the assigned jurisdiction's only. */
    @GetMapping("/public-reports/{id}/contact")
    public ContactAnswer contact(@PathVariable String id, Caller caller) {
        PublicReportContacts.Kept kept = reports.contact(id, caller);
        if (kept != null) {
            return new ContactAnswer(id, "KEPT", kept.contact().name(), kept.contact().phone(),
                    kept.contact().email());
        }
        return new ContactAnswer(id, reports.contactWasGiven(id) ? "ERASED" : "NONE", null, null, null);
    }

    /** The reporter erases the contact, proven by the tracking code in {@code X-Tracking-Code}: 204. */
    @DeleteMapping("/public-reports/{id}/contact")
    public ResponseEntity<Void> eraseContact(@PathVariable String id,
                                             @RequestHeader(name = TRACKING_CODE, required = false) String code,
                                             HttpServletRequest request) {
        if (code == null || code.isBlank()) {
            throw new InvalidInputException(TRACKING_CODE, "is required: the tracking code shown when the report was filed");
        }
        reports.eraseContact(id, code, request);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/jurisdictions/{id}/public-report-record")
    public PublicReportRecord record(@PathVariable String id) {
        requireJurisdiction(id);
        return queries.query(new FindPublicReportRecordQuery(id), PublicReportRecord.class).join();
    }

    /** Response statistics: overall, per water, per jurisdiction and per month of filing (optionally of one of them). */
    @GetMapping("/public-report-statistics")
    public PublicReportStatistics statistics(@RequestParam(required = false) String jurisdictionId,
                                             @RequestParam(required = false) String waterBody) {
        return queries.query(new FindPublicReportStatisticsQuery(jurisdictionId, waterBody),
                PublicReportStatistics.class).join();
    }

    @PostMapping("/jurisdictions/{id}/river-chiefs")
    public ResponseEntity<RiverChiefView> appoint(@PathVariable String id, @RequestBody RiverChiefRequest body,
                                                  Caller caller, HttpServletRequest request) {
        String acting = Access.requireJurisdiction(caller);
        requireJurisdiction(id);
        String chiefId = UUID.randomUUID().toString();
        URI location = URI.create("/api/v1/river-chiefs/" + chiefId);
        commands.send(new AppointRiverChiefCommand(id, chiefId, acting, body.name(), body.office(), body.waterBody(),
                body.sectionIds(), body.from()), location, caller, request);
        return ResponseEntity.created(location).body(chief(chiefId));
    }

    @PostMapping("/jurisdictions/{id}/river-chiefs/{chiefId}/end")
    public RiverChiefView endTerm(@PathVariable String id, @PathVariable String chiefId,
                                  @RequestBody EndTermRequest body, Caller caller, HttpServletRequest request) {
        String acting = Access.requireJurisdiction(caller);
        requireJurisdiction(id);
        commands.send(new EndRiverChiefTermCommand(id, chiefId, acting, body.to()),
                URI.create("/api/v1/river-chiefs/" + chiefId), caller, request);
        return chief(chiefId);
    }

    @GetMapping("/river-chiefs")
    public RiverChiefList riverChiefs(@RequestParam(required = false) String waterBody,
                                      @RequestParam(required = false) String jurisdictionId) {
        return queries.query(new ListRiverChiefsQuery(waterBody, jurisdictionId), RiverChiefList.class).join();
    }

    @GetMapping("/river-chiefs/{chiefId}")
    public RiverChiefView chief(@PathVariable String chiefId) {
        return queries.query(new ListRiverChiefsQuery(null, null), RiverChiefList.class).join().items().stream()
                .filter(c -> c.chiefId().equals(chiefId)).findFirst()
                .orElseThrow(() -> new NotFoundException("no river chief " + chiefId));
    }

    private void requireJurisdiction(String id) {
        if (queries.query(new FindJurisdictionQuery(id), JurisdictionView.class).join() == null) {
            throw new NotFoundException("no jurisdiction " + id);
        }
    }
}
