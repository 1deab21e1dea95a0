package org.basinledger.app.web.incident;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.incident.AcknowledgeIncidentCommand;
import org.basinledger.api.incident.CloseIncidentCommand;
import org.basinledger.api.incident.FindIncidentQuery;
import org.basinledger.api.incident.FindIncidentRecordQuery;
import org.basinledger.api.incident.IncidentList;
import org.basinledger.api.incident.IncidentRecord;
import org.basinledger.api.incident.IncidentStatus;
import org.basinledger.api.incident.IncidentView;
import org.basinledger.api.incident.ListIncidentsQuery;
import org.basinledger.api.incident.RaiseIncidentCommand;
import org.basinledger.api.incident.UpdateIncidentCommand;
import org.basinledger.api.incident.WarningLevel;
import org.basinledger.api.registry.FindJurisdictionQuery;
import org.basinledger.api.registry.JurisdictionView;
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

/**
 * Emergency incidents (API.md "Emergency incidents"): a party of an agreement in force raises one at a section;
 * the parties with a notice acknowledge, any party updates, the raising party closes. Incidents, and each
 * jurisdiction's record of answering them, are public (their agreements have entered into force).
 */
@RestController
@RequestMapping("/api/v1")
public class IncidentController {

    private final Commands commands;
    private final QueryGateway queries;
    private final AgreementVisibility visibility;

    public IncidentController(Commands commands, QueryGateway queries, AgreementVisibility visibility) {
        this.commands = commands;
        this.queries = queries;
        this.visibility = visibility;
    }

    public record RaiseRequest(String sectionId, WarningLevel level, String pollutant, String description,
                               Instant detectedAt, List<Evidence> evidence) {
    }

    public record AcknowledgementRequest(String note) {
    }

    public record UpdateRequest(String text, WarningLevel level, List<Evidence> evidence) {
    }

    public record ClosureRequest(String summary) {
    }

    @PostMapping("/agreements/{id}/incidents")
    public ResponseEntity<IncidentView> raise(@PathVariable("id") String agreementId, @RequestBody RaiseRequest body,
                                              Caller caller, HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        visibility.visible(agreementId, caller);
        String incidentId = UUID.randomUUID().toString();
        URI location = URI.create("/api/v1/incidents/" + incidentId);
        commands.send(new RaiseIncidentCommand(incidentId, agreementId, party, body.sectionId(), body.level(),
                body.pollutant(), body.description(), body.detectedAt(), body.evidence()), location, caller, request);
        IncidentView view = incident(incidentId);
        return ResponseEntity.created(location).eTag(etag(view)).body(view);
    }

    @PostMapping("/incidents/{id}/acknowledgement")
    public ResponseEntity<IncidentView> acknowledge(@PathVariable String id,
                                                    @RequestBody(required = false) AcknowledgementRequest body,
                                                    Caller caller, HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        incident(id);
        commands.send(new AcknowledgeIncidentCommand(id, party, body == null ? null : body.note()), caller, request);
        return answer(id);
    }

    @PostMapping("/incidents/{id}/updates")
    public ResponseEntity<IncidentView> update(@PathVariable String id, @RequestBody UpdateRequest body, Caller caller,
                                               HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        incident(id);
        commands.send(new UpdateIncidentCommand(id, party, body.text(), body.level(), body.evidence()), caller,
                request);
        return answer(id);
    }

    @PostMapping("/incidents/{id}/closure")
    public ResponseEntity<IncidentView> close(@PathVariable String id, @RequestBody ClosureRequest body, Caller caller,
                                              HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        incident(id);
        commands.send(new CloseIncidentCommand(id, party, body.summary()), caller, request);
        return answer(id);
    }

    @GetMapping("/incidents/{id}")
    public ResponseEntity<IncidentView> get(@PathVariable String id, Caller caller) {
        IncidentView view = incident(id);
        visibility.withDetails(view.agreementId(), caller);
        return ResponseEntity.ok().eTag(etag(view)).body(view);
    }

    /** A page of incidents, newest first ({@link ListPage}), of agreements whose details the caller may read. */
    @GetMapping("/incidents")
    public ListPage<IncidentView> list(@RequestParam(required = false) String agreementId,
                                       @RequestParam(required = false) IncidentStatus status,
                                       @RequestParam(required = false) WarningLevel level,
                                       @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size,
                                       Caller caller) {
        if (agreementId != null) {
            visibility.withDetails(agreementId, caller);
        }
        long offset = ListPage.offset(page, size);
        if (agreementId != null) {
            IncidentList found = queries.query(new ListIncidentsQuery(agreementId, status, level, offset, size),
                    IncidentList.class).join();
            return ListPage.of(found.items(), page, size, found.total());
        }
        Map<String, Boolean> readable = new HashMap<>();
        return ListPage.ofReadable(page, size, (from, limit) -> {
            IncidentList chunk = queries.query(new ListIncidentsQuery(null, status, level, from, limit),
                    IncidentList.class).join();
            return new ListPage.Chunk<>(chunk.items(), chunk.total());
        }, incident -> readable.computeIfAbsent(incident.agreementId(), a -> {
            AgreementStatusView view = visibility.stored(a);
            return view != null && AgreementVisibility.canSee(view, caller)
                    && AgreementVisibility.canSeeDetails(view, caller);
        }));
    }

    @GetMapping("/jurisdictions/{id}/incident-record")
    public IncidentRecord record(@PathVariable String id) {
        if (queries.query(new FindJurisdictionQuery(id), JurisdictionView.class).join() == null) {
            throw new NotFoundException("no jurisdiction " + id);
        }
        return queries.query(new FindIncidentRecordQuery(id), IncidentRecord.class).join();
    }

    private ResponseEntity<IncidentView> answer(String id) {
        IncidentView view = incident(id);
        return ResponseEntity.ok().eTag(etag(view)).body(view);
    }

    private IncidentView incident(String id) {
        IncidentView view = queries.query(new FindIncidentQuery(id), IncidentView.class).join();
        if (view == null) {
            throw new NotFoundException("no incident " + id);
        }
        return view;
    }

    private static String etag(IncidentView view) {
        return "\"" + view.version() + "\"";
    }
}
