package org.basinledger.app.web.compliance;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.common.AlreadyExistsException;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.compliance.FindMonitoringReportQuery;
import org.basinledger.api.compliance.MonitoringReportView;
import org.basinledger.api.compliance.Sample;
import org.basinledger.api.compliance.SubmitMonitoringReportCommand;
import org.basinledger.app.commandbus.AllOrNothing;
import org.basinledger.app.security.Access;
import org.basinledger.app.web.Commands;
import org.basinledger.app.web.ProblemHandler;
import org.basinledger.app.web.Problems;
import org.basinledger.app.web.agreement.AgreementVisibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Monitoring reports in bulk, for backfilling years of measurements (docs/api.md, "Monitoring reports in bulk"):
 * {@code POST /api/v1/agreements/{id}/monitoring-reports/batch} takes up to
 * {@code ledger.monitoring-batch.max-reports} reports, each exactly what {@code POST …/monitoring-reports} takes,
 * and applies them all or none.
 *
 * <p>Every report becomes the same {@link SubmitMonitoringReportCommand} the single endpoint sends, so the same
 * rules decide; the commands run in one transaction ({@link AllOrNothing}). When any is refused nothing is
 * recorded, and the answer is one problem that names every refused report (its index, status, type, detail and,
 * for invalid input, every wrong field as {@code reports[i].…}). A report may carry the caller's own
 * {@code reportKey}: its report id is then derived from the agreement and the key, so a report sent again (a retry
 * after a lost answer, an import run again) is never recorded twice: with the same content it is answered
 * {@code UNCHANGED}, with other content it is refused as {@code already-exists}.
 */
@RestController
@RequestMapping("/api/v1")
public class MonitoringReportBatchController {

    private static final Logger log = LoggerFactory.getLogger(MonitoringReportBatchController.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private final Commands commands;
    private final QueryGateway queries;
    private final AgreementVisibility visibility;
    private final ProblemHandler problems;
    private final int maxReports;

    public MonitoringReportBatchController(Commands commands, QueryGateway queries, AgreementVisibility visibility,
                                           ProblemHandler problems, MonitoringReportBatchProperties properties) {
        this.commands = commands;
        this.queries = queries;
        this.visibility = visibility;
        this.problems = problems;
        this.maxReports = properties.maxReports();
    }

    /** A batch: the reports in the order they are applied. */
    public record BatchRequest(List<BatchReport> reports) {
    }

    /**
     * One report of a batch: the single endpoint's body, with an optional {@code reportKey} (1 to 200 visible ASCII
     * characters, unique within the agreement; e.g. {@code JIEKOU/2025-04}).
     */
    public record BatchReport(String reportKey, String sectionId, String period, List<Sample> samples,
                              BigDecimal flowCubicMetresPerSecond) {
    }

    /** What became of a report of an applied batch. */
    public enum Outcome {
        /** recorded now */
        CREATED,
        /** recorded before under the same key with the same content: not recorded again */
        UNCHANGED
    }

    /** One report of an applied batch. */
    public record BatchItem(int index, String reportKey, String reportId, Outcome outcome, String location) {
    }

    /** The answer to an applied batch: how many reports were recorded now, how many were already, and each. */
    public record BatchAnswer(String agreementId, int created, int unchanged, List<BatchItem> reports) {
    }

    /** A refused report of a batch, as the problem answer lists it. */
    public record RefusedItem(int index, String reportKey, int status, URI type, String detail) {
    }

    /** A batch refused as a whole: nothing of it was recorded. */
    static final class BatchRefusedException extends ErrorResponseException {
        BatchRefusedException(ProblemDetail problem) {
            super(HttpStatusCode.valueOf(problem.getStatus()), problem, null);
        }
    }

    @PostMapping("/agreements/{id}/monitoring-reports/batch")
    public BatchAnswer submit(@PathVariable String id, @RequestBody BatchRequest body, Caller caller,
                              HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        List<BatchReport> reports = checkShape(body);

        List<String> reportIds = new ArrayList<>(reports.size());
        Map<Integer, ProblemDetail> refused = new HashMap<>();
        List<Integer> toSend = new ArrayList<>();
        boolean partyChecked = false;
        for (int i = 0; i < reports.size(); i++) {
            BatchReport report = reports.get(i);
            String reportId = report.reportKey() == null ? UUID.randomUUID().toString() : reportId(id, report.reportKey());
            reportIds.add(reportId);
            MonitoringReportView existing = report.reportKey() == null ? null
                    : queries.query(new FindMonitoringReportQuery(reportId), MonitoringReportView.class).join();
            if (existing == null) {
                toSend.add(i);
                continue;
            }
            if (!partyChecked) {
                // an earlier report is no answer to someone who may not report on this agreement
                if (!AgreementVisibility.isParty(visibility.visible(id, caller), caller)) {
                    throw new NotPermittedException(party + " is not a party of agreement " + id);
                }
                partyChecked = true;
            }
            if (!sameReport(existing, id, party, report)) {
                refused.put(i, problems.refusal(new AlreadyExistsException("report key " + report.reportKey()
                        + " of agreement " + id + " was recorded with other content (report " + reportId + ")"))
                        .orElseThrow());
            }
        }

        List<SubmitMonitoringReportCommand> batch = toSend.stream().map(i -> {
            BatchReport report = reports.get(i);
            return new SubmitMonitoringReportCommand(id, reportIds.get(i), party, report.sectionId(), report.period(),
                    report.samples() == null ? List.of() : report.samples(), report.flowCubicMetresPerSecond());
        }).toList();
        if (!batch.isEmpty()) {
            URI location = URI.create("/api/v1/agreements/" + id + "/monitoring-reports");
            List<AllOrNothing.Outcome> outcomes = commands.sendAllOrNothing(batch, location, caller, request,
                    !refused.isEmpty());
            for (int j = 0; j < outcomes.size(); j++) {
                AllOrNothing.Outcome outcome = outcomes.get(j);
                if (outcome.refused()) {
                    refused.put(toSend.get(j), problems.refusal(outcome.refusal()).orElseThrow(outcome::refusal));
                }
            }
        }
        if (!refused.isEmpty()) {
            throw refusal(reports, refused);
        }

        List<BatchItem> items = new ArrayList<>(reports.size());
        int created = 0;
        for (int i = 0; i < reports.size(); i++) {
            boolean sent = toSend.contains(i);
            created += sent ? 1 : 0;
            items.add(new BatchItem(i, reports.get(i).reportKey(), reportIds.get(i),
                    sent ? Outcome.CREATED : Outcome.UNCHANGED, "/api/v1/monitoring-reports/" + reportIds.get(i)));
        }
        return new BatchAnswer(id, created, reports.size() - created, items);
    }

    /** The report id of a report key: a name-based UUID of the agreement and the key, the same on every node. */
    public static String reportId(String agreementId, String reportKey) {
        return UUID.nameUUIDFromBytes(("monitoring-report:" + agreementId + ":" + reportKey)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private List<BatchReport> checkShape(BatchRequest body) {
        List<FieldError> errors = new ArrayList<>();
        List<BatchReport> reports = body == null ? null : body.reports();
        if (reports == null || reports.isEmpty()) {
            throw new InvalidInputException(List.of(new FieldError("reports", "at least one report is required")));
        }
        if (reports.size() > maxReports) {
            throw new InvalidInputException(List.of(new FieldError("reports", "at most " + maxReports
                    + " reports in one batch (" + reports.size() + " sent): send them in several batches")));
        }
        Map<String, Integer> keys = new HashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            BatchReport report = reports.get(i);
            if (report == null) {
                errors.add(new FieldError("reports[" + i + "]", "is required"));
                continue;
            }
            if (report.reportKey() == null) {
                continue;
            }
            if (!KEY.matcher(report.reportKey()).matches()) {
                errors.add(new FieldError("reports[" + i + "].reportKey", "must be 1 to 200 visible ASCII characters"));
            } else {
                Integer first = keys.putIfAbsent(report.reportKey(), i);
                if (first != null) {
                    errors.add(new FieldError("reports[" + i + "].reportKey", "repeats reports[" + first + "]"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return reports;
    }

    private static boolean sameReport(MonitoringReportView existing, String agreementId, String party,
                                      BatchReport report) {
        List<Sample> samples = report.samples() == null ? List.of() : report.samples();
        if (!agreementId.equals(existing.agreementId()) || !party.equals(existing.submittedBy())
                || !Objects.equals(report.sectionId(), existing.sectionId())
                || !Objects.equals(report.period(), existing.period())
                || !sameDecimal(report.flowCubicMetresPerSecond(), existing.flowCubicMetresPerSecond())
                || existing.samples() == null || samples.size() != existing.samples().size()) {
            return false;
        }
        for (int i = 0; i < samples.size(); i++) {
            Sample sent = samples.get(i);
            Sample kept = existing.samples().get(i);
            if (sent == null || !Objects.equals(sent.takenAt(), kept.takenAt())
                    || sent.pollutant() != kept.pollutant() || !sameDecimal(sent.value(), kept.value())
                    || !Objects.equals(sent.unit(), kept.unit())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameDecimal(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static BatchRefusedException refusal(List<BatchReport> reports,
                                                 Map<Integer, ProblemDetail> refused) {
        List<RefusedItem> items = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        refused.keySet().stream().sorted().forEach(i -> {
            ProblemDetail item = refused.get(i);
            items.add(new RefusedItem(i, reports.get(i).reportKey(), item.getStatus(), item.getType(),
                    item.getDetail()));
            Object itemErrors = item.getProperties() == null ? null : item.getProperties().get("errors");
            if (itemErrors instanceof List<?> list && !list.isEmpty()) {
                list.stream().filter(FieldError.class::isInstance).map(FieldError.class::cast).forEach(e ->
                        errors.add(new FieldError("reports[" + i + "]." + e.field(), e.message())));
            } else {
                errors.add(new FieldError("reports[" + i + "]", item.getDetail()));
            }
        });
        RefusedItem first = items.get(0);
        ProblemDetail firstProblem = refused.get(first.index());
        String detail = items.size() + " of " + reports.size() + " reports refused, the first reports["
                + first.index() + "]: " + first.detail() + "; nothing of this batch was recorded";
        ProblemDetail problem = Problems.of(HttpStatusCode.valueOf(first.status()),
                first.type().toString().substring(first.type().toString().lastIndexOf(':') + 1), firstProblem.getTitle(),
                detail);
        problem.setProperty("errors", errors);
        problem.setProperty("refused", items);
        log.info("refused a batch of {} monitoring reports: {} refused, the first {} {}", reports.size(),
                items.size(), first.status(), first.type());
        return new BatchRefusedException(problem);
    }
}
