package org.basinledger.app.report;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.report.FilePublicReportCommand;
import org.basinledger.api.report.FindPublicReportByTrackingCodeQuery;
import org.basinledger.api.report.FindPublicReportQuery;
import org.basinledger.api.report.PublicReportCategory;
import org.basinledger.api.report.PublicReportView;
import org.basinledger.api.report.ReportContact;
import org.basinledger.api.report.ReportPhoto;
import org.basinledger.api.report.ReportPlace;
import org.basinledger.app.web.Commands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Filing, tracking and contact erasure of public reports, shared by the API and the portal's form: one policy, one
 * place. Filing is throttled per client ({@link PublicReportThrottle}); the tracking code is shown once and only its
 * hash is kept; a contact is checked by the aggregate and kept by {@link PublicReportContactInterceptor}.
 */
@Component
public class PublicReports {

    private static final Logger log = LoggerFactory.getLogger(PublicReports.class);

    private final Commands commands;
    private final QueryGateway queries;
    private final PublicReportThrottle throttle;
    private final PublicReportContacts contacts;

    public PublicReports(Commands commands, QueryGateway queries, PublicReportThrottle throttle,
                         PublicReportContacts contacts) {
        this.commands = commands;
        this.queries = queries;
        this.throttle = throttle;
        this.contacts = contacts;
    }

    /** What a report is filed with, as the API and the form take it. */
    public record Filing(String basin, String agreementId, String sectionId, String waterBody, ReportPlace place,
                         PublicReportCategory category, String description, java.time.Instant observedAt,
                         List<ReportPhoto> photos, ReportContact contact) {
    }

    /** A report just filed: its id, the tracking code (shown this once), its view. */
    public record Filed(String id, String trackingCode, PublicReportView view) {
    }

    public Filed file(Filing filing, Caller caller, HttpServletRequest request) {
        throttle.take(request.getRemoteAddr());
        String id = UUID.randomUUID().toString();
        String code = TrackingCodes.newCode();
        boolean withContact = filing.contact() != null && !filing.contact().isEmpty();
        commands.send(new FilePublicReportCommand(id, TrackingCodes.hashOf(code), filing.basin(), filing.agreementId(),
                filing.sectionId(), filing.waterBody(), filing.place(), filing.category(), filing.description(),
                filing.observedAt(), filing.photos(), filing.contact(), withContact ? TrackingCodes.newSalt() : null),
                URI.create("/api/v1/public-reports/" + id), caller, request);
        return new Filed(id, code, find(id));
    }

    public PublicReportView find(String id) {
        PublicReportView view = queries.query(new FindPublicReportQuery(id), PublicReportView.class).join();
        if (view == null) {
            throw new NotFoundException("no public report " + id);
        }
        return view;
    }

    /** The report this tracking code belongs to, or null. */
    public PublicReportView tracked(String code) {
        String hash = TrackingCodes.hashOf(code);
        return hash == null ? null
                : queries.query(new FindPublicReportByTrackingCodeQuery(hash), PublicReportView.class).join();
    }

    /**
     * Erases the contact of a report at the reporter's request, proven by the tracking code; answers whether there
     * was one to erase. The report, its events and the integrity log are untouched: the event holds only the hash.
     */
    public boolean eraseContact(String id, String code, HttpServletRequest request) {
        throttle.take(request.getRemoteAddr());
        find(id);
        PublicReportView byCode = tracked(code);
        if (byCode == null || !byCode.id().equals(id)) {
            throw new NotPermittedException("the tracking code is not this report's");
        }
        boolean erased = contacts.erase(id);
        log.info("the contact of public report {} was {}", id, erased ? "erased at the reporter's request"
                : "asked to be erased: there was none");
        return erased;
    }

    /** Whether the report was filed with a contact (which may have been erased since). */
    public boolean contactWasGiven(String id) {
        return contacts.wasGiven(id);
    }

    /** The contact, for the registrar and the jurisdiction the report is assigned to only. */
    public PublicReportContacts.Kept contact(String id, Caller caller) {
        PublicReportView view = find(id);
        boolean assigned = view.jurisdictionId() != null && caller.isJurisdiction(view.jurisdictionId());
        if (caller.role() == Caller.Role.PUBLIC) {
            throw new org.basinledger.app.security.AuthenticationRequiredException();
        }
        if (caller.role() != Caller.Role.REGISTRAR && !assigned) {
            throw new NotPermittedException("only the registrar and the jurisdiction the report is assigned to may"
                    + " read its contact");
        }
        log.info("the contact of public report {} was read by {}", id, caller.actor());
        return contacts.find(id).orElse(null);
    }
}
