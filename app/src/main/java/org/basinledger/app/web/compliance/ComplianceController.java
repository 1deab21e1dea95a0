package org.basinledger.app.web.compliance;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.compliance.AssessSectionCommand;
import org.basinledger.api.compliance.AssessmentView;
import org.basinledger.api.compliance.ComplianceHistory;
import org.basinledger.api.compliance.FindAssessmentQuery;
import org.basinledger.api.compliance.FindComplianceHistoryQuery;
import org.basinledger.api.compliance.FindMonitoringReportQuery;
import org.basinledger.api.compliance.ListMonitoringReportsQuery;
import org.basinledger.api.compliance.MonitoringReportList;
import org.basinledger.api.compliance.MonitoringReportView;
import org.basinledger.api.compliance.Sample;
import org.basinledger.api.compliance.SubmitMonitoringReportCommand;
import org.basinledger.app.security.Access;
import org.basinledger.app.web.Commands;
import org.basinledger.app.web.ListPage;
import org.basinledger.app.web.agreement.AgreementVisibility;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Monitoring reports, assessments and the compliance history of an agreement (API.md). */
@RestController
@RequestMapping("/api/v1")
public class ComplianceController {

    private final Commands commands;
    private final QueryGateway queries;
    private final AgreementVisibility visibility;

    public ComplianceController(Commands commands, QueryGateway queries, AgreementVisibility visibility) {
        this.commands = commands;
        this.queries = queries;
        this.visibility = visibility;
    }

    public record MonitoringReportRequest(String sectionId, String period, List<Sample> samples,
                                          BigDecimal flowCubicMetresPerSecond) {
    }

    public record AssessmentRequest(String sectionId, String period) {
    }

    @PostMapping("/agreements/{id}/monitoring-reports")
    public ResponseEntity<MonitoringReportView> submit(@PathVariable String id, @RequestBody MonitoringReportRequest body,
                                                       Caller caller, HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        String reportId = UUID.randomUUID().toString();
        URI location = URI.create("/api/v1/monitoring-reports/" + reportId);
        commands.send(new SubmitMonitoringReportCommand(id, reportId, party, body.sectionId(), body.period(),
                body.samples() == null ? List.of() : body.samples(), body.flowCubicMetresPerSecond()), location,
                caller, request);
        return ResponseEntity.created(location).body(report(reportId));
    }

    /** A page of the agreement's reports, oldest first ({@link ListPage}). */
    @GetMapping("/agreements/{id}/monitoring-reports")
    public ListPage<MonitoringReportView> reports(@PathVariable String id,
                                                  @RequestParam(required = false) String sectionId,
                                                  @RequestParam(required = false) String period,
                                                  @RequestParam(defaultValue = "0") int page,
                                                  @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size,
                                                  Caller caller) {
        visibility.withDetails(id, caller);
        long offset = ListPage.offset(page, size);
        MonitoringReportList found = queries.query(new ListMonitoringReportsQuery(id, sectionId, period, offset, size),
                MonitoringReportList.class).join();
        return ListPage.of(found.items(), page, size, found.total());
    }

    @GetMapping("/monitoring-reports/{reportId}")
    public MonitoringReportView report(@PathVariable String reportId, Caller caller) {
        MonitoringReportView report = report(reportId);
        visibility.withDetails(report.agreementId(), caller);
        return report;
    }

    @PostMapping("/agreements/{id}/assessments")
    public ResponseEntity<AssessmentView> assess(@PathVariable String id, @RequestBody AssessmentRequest body,
                                                 Caller caller, HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        String assessmentId = UUID.randomUUID().toString();
        URI location = URI.create("/api/v1/assessments/" + assessmentId);
        commands.send(new AssessSectionCommand(id, assessmentId, party, body.sectionId(), body.period()), location,
                caller, request);
        return ResponseEntity.created(location).body(assessment(assessmentId));
    }

    @GetMapping("/assessments/{assessmentId}")
    public AssessmentView assessment(@PathVariable String assessmentId, Caller caller) {
        AssessmentView assessment = assessment(assessmentId);
        visibility.withDetails(assessment.agreementId(), caller);
        return assessment;
    }

    /**
     * The agreement's compliance record with a page of each of its assessments, transfers and rulings (oldest
     * first): page {@code page} of {@code size} of each, {@code counts} of each in all, and {@code nextPage} while
     * any of them has more.
     */
    @GetMapping("/agreements/{id}/compliance")
    public CompliancePage compliance(@PathVariable String id, @RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size,
                                     Caller caller) {
        AgreementStatusView view = visibility.visible(id, caller);
        long offset = ListPage.offset(page, size);
        ComplianceHistory history = queries.query(new FindComplianceHistoryQuery(id, offset, size),
                ComplianceHistory.class).join();
        if (history == null) {
            throw new NotFoundException("no agreement " + id);
        }
        if (!AgreementVisibility.canSeeDetails(view, caller)) {
            // before it is in force there is nothing to comply with: only the obligations are shown
            history = new ComplianceHistory(id, List.of(), history.obligations(), List.of(), history.rulings(),
                    new ComplianceHistory.Summary(0, 0, null),
                    new ComplianceHistory.Counts(0, 0, history.counts().rulings()));
        }
        ComplianceHistory.Counts counts = history.counts();
        long longest = Math.max(counts.assessments(), Math.max(counts.transfers(), counts.rulings()));
        return new CompliancePage(history, page, size, offset + size < longest ? page + 1 : null);
    }

    /** A compliance record with one page of each of its long lists (docs/api-extensions.md). */
    public record CompliancePage(@JsonUnwrapped ComplianceHistory history, int page, int size, Integer nextPage) {
    }

    private MonitoringReportView report(String reportId) {
        MonitoringReportView report = queries.query(new FindMonitoringReportQuery(reportId), MonitoringReportView.class).join();
        if (report == null) {
            throw new NotFoundException("no monitoring report " + reportId);
        }
        return report;
    }

    private AssessmentView assessment(String assessmentId) {
        AssessmentView assessment = queries.query(new FindAssessmentQuery(assessmentId), AssessmentView.class).join();
        if (assessment == null) {
            throw new NotFoundException("no assessment " + assessmentId);
        }
        return assessment;
    }
}
