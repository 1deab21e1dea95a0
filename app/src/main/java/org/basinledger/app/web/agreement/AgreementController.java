package org.basinledger.app.web.agreement;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementHistoryPage;
import org.basinledger.api.agreement.AgreementPage;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.AgreementTermsDocument;
import org.basinledger.api.agreement.AmendAgreementCommand;
import org.basinledger.api.agreement.AmendmentStatus;
import org.basinledger.api.agreement.AmendmentTermsDocument;
import org.basinledger.api.agreement.FindAmendmentTermsQuery;
import org.basinledger.api.agreement.DraftAgreementCommand;
import org.basinledger.api.agreement.FindAgreementHistoryQuery;
import org.basinledger.api.agreement.FindAgreementStatusQuery;
import org.basinledger.api.agreement.FindAgreementTermsQuery;
import org.basinledger.api.agreement.FulfilObligationCommand;
import org.basinledger.api.agreement.ListAgreementsQuery;
import org.basinledger.api.agreement.OpenAgreementForSignatureCommand;
import org.basinledger.api.agreement.RejectAgreementCommand;
import org.basinledger.api.agreement.SignAgreementCommand;
import org.basinledger.api.agreement.TerminateAgreementCommand;
import org.basinledger.api.agreement.WithdrawTerminationNoticeCommand;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.dispute.DisputeList;
import org.basinledger.api.dispute.DisputeSummary;
import org.basinledger.api.dispute.ListDisputesQuery;
import org.basinledger.app.security.Access;
import org.basinledger.app.web.Commands;
import org.basinledger.app.web.dispute.DisputeVisibility;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agreement endpoints of API.md. Writes are the parties' (the domain checks who is a party); reads follow
 * the visibility rule: a draft that was never opened for signature is seen only by its parties and the
 * registrar, and is not found for anyone else.
 */
@RestController
@RequestMapping("/api/v1/agreements")
public class AgreementController {

    /** The aggregate type under which the history records a dispute's own events. */
    private static final String DISPUTE_AGGREGATE = "Dispute";
    /** Disputes read at once while a page of the history is checked against their case files. */
    private static final int DISPUTES_PAGE = 500;

    private final Commands commands;
    private final QueryGateway queries;
    private final AgreementVisibility visibility;

    public AgreementController(Commands commands, QueryGateway queries, AgreementVisibility visibility) {
        this.commands = commands;
        this.queries = queries;
        this.visibility = visibility;
    }

    public record SignatureRequest(@NotBlank String signature, String keyId) {
    }

    public record ReasonRequest(@NotBlank String reason) {
    }

    /** A withdrawal of a notice of termination; the reason is optional. */
    public record WithdrawalRequest(String reason) {
    }

    public record FulfilmentRequest(List<Evidence> evidence, String note) {
    }

    /** A history entry as the API shows it: the stored event JSON embedded as JSON, not as a string. */
    public record HistoryEntry(long sequence, String eventId, String type, String aggregateType, String aggregateId,
                               long aggregateSequence, Instant occurredAt, String actor, String actorJurisdiction,
                               String requestId, String correlationId, @JsonRawValue String payload, Long leafIndex) {
    }

    public record HistoryPage(String agreementId, List<HistoryEntry> items, Long nextAfter) {
    }

    @PostMapping
    public ResponseEntity<AgreementStatusView> draft(@RequestBody AgreementDraft body, Caller caller,
                                                     HttpServletRequest request) {
        String drafter = Access.requireJurisdiction(caller);
        String id = UUID.randomUUID().toString();
        URI location = URI.create("/api/v1/agreements/" + id);
        commands.send(new DraftAgreementCommand(id, drafter, body), location, caller, request);
        AgreementStatusView view = current(id);
        return ResponseEntity.created(location).eTag(etag(view)).body(view);
    }

    @PutMapping("/{id}/terms")
    public ResponseEntity<AgreementStatusView> amend(@PathVariable String id,
                                                     @RequestHeader(HttpHeaders.IF_MATCH) String ifMatch,
                                                     @RequestBody AgreementDraft body, Caller caller,
                                                     HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        commands.send(new AmendAgreementCommand(id, party, parseVersion(ifMatch), body), caller, request);
        return answer(id);
    }

    @PostMapping("/{id}/open-for-signature")
    public ResponseEntity<AgreementStatusView> open(@PathVariable String id, Caller caller,
                                                    HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        commands.send(new OpenAgreementForSignatureCommand(id, party), caller, request);
        return answer(id);
    }

    /**
     * The canonical document of the terms in effect, or with {@code version} of any version signed: 0 the terms
     * first signed, {@code k} those of adopted amendment {@code k}.
     */
    @GetMapping(value = "/{id}/terms", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> terms(@PathVariable String id, @RequestParam(required = false) Integer version,
                                        Caller caller) {
        AgreementStatusView view = visible(id, caller);
        if (version != null && version < 0) {
            throw new InvalidInputException("version", "must be 0 (the terms first signed) or an amendment's number");
        }
        int wanted = version == null ? view.termsVersion() : version;
        if (wanted > 0) {
            AmendmentTermsDocument amended = queries.query(new FindAmendmentTermsQuery(id, wanted),
                    AmendmentTermsDocument.class).join();
            if (amended == null || amended.amendment().status() != AmendmentStatus.ADOPTED) {
                throw new NotFoundException("agreement " + id + " has no version " + wanted + " of its terms (no "
                        + "adopted amendment " + wanted + ")");
            }
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("X-Terms-Hash", amended.termsHash())
                    .header("X-Terms-Version", Integer.toString(wanted))
                    .header("X-Terms-Current", Boolean.toString(wanted == view.termsVersion()))
                    .body(amended.canonicalDocument().getBytes(StandardCharsets.UTF_8));
        }
        boolean insider = caller.role() == Caller.Role.REGISTRAR || view.hasParty(caller.id());
        AgreementTermsDocument document = queries.query(new FindAgreementTermsQuery(id), AgreementTermsDocument.class).join();
        if (document == null || (!insider && view.status() == AgreementStatus.DRAFT)) {
            throw new NotFoundException("agreement " + id + " has no terms open for signature");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Terms-Hash", document.termsHash())
                .header("X-Terms-Version", "0")
                .header("X-Terms-Current", Boolean.toString(document.current() && view.termsVersion() == 0))
                .body(document.canonicalDocument().getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/{id}/signatures")
    public ResponseEntity<AgreementStatusView> sign(@PathVariable String id, @Valid @RequestBody SignatureRequest body,
                                                    Caller caller, HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        commands.send(new SignAgreementCommand(id, party, body.signature(), blankToNull(body.keyId())), caller, request);
        return answer(id);
    }

    @PostMapping("/{id}/rejection")
    public ResponseEntity<AgreementStatusView> reject(@PathVariable String id, @Valid @RequestBody ReasonRequest body,
                                                      Caller caller, HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        commands.send(new RejectAgreementCommand(id, party, body.reason()), caller, request);
        return answer(id);
    }

    @PostMapping("/{id}/termination")
    public ResponseEntity<AgreementStatusView> terminate(@PathVariable String id, @Valid @RequestBody ReasonRequest body,
                                                         Caller caller, HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        commands.send(new TerminateAgreementCommand(id, party, body.reason()), caller, request);
        return answer(id);
    }

    @PostMapping("/{id}/termination/withdrawal")
    public ResponseEntity<AgreementStatusView> withdrawTerminationNotice(@PathVariable String id,
                                                                        @RequestBody(required = false) WithdrawalRequest body,
                                                                        Caller caller, HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        commands.send(new WithdrawTerminationNoticeCommand(id, party, body == null ? null : body.reason()), caller,
                request);
        return answer(id);
    }

    @PostMapping("/{id}/obligations/{obligationId}/fulfilment")
    public ResponseEntity<AgreementStatusView> fulfil(@PathVariable String id, @PathVariable String obligationId,
                                                      @RequestBody FulfilmentRequest body, Caller caller,
                                                      HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        commands.send(new FulfilObligationCommand(id, obligationId, party,
                body.evidence() == null ? List.of() : body.evidence(), body.note()), caller, request);
        return answer(id);
    }

    @GetMapping("/{id}")
    public ResponseEntity<AgreementStatusView> status(@PathVariable String id,
                                                      @RequestParam(required = false) Instant asOf, Caller caller) {
        AgreementStatusView now = visibility.current(id);
        if (now == null || !canSee(now, caller)) {
            throw new NotFoundException("no agreement " + id);
        }
        if (asOf == null) {
            return ResponseEntity.ok().eTag(etag(now)).body(now);
        }
        AgreementStatusView then = queries.query(new FindAgreementStatusQuery(id, asOf), AgreementStatusView.class).join();
        if (then == null || !canSee(then, caller)) {
            throw new NotFoundException("agreement " + id + " did not exist (or was not public) at " + asOf);
        }
        return ResponseEntity.ok(then);
    }

    @GetMapping
    public AgreementPage list(@RequestParam(required = false) AgreementStatus status,
                              @RequestParam(required = false) String party,
                              @RequestParam(required = false) String basin,
                              @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "20") int size, Caller caller) {
        if (page < 0) {
            throw new InvalidInputException("page", "must be 0 or more");
        }
        if (size < 1 || size > 100) {
            throw new InvalidInputException("size", "must be between 1 and 100");
        }
        return queries.query(new ListAgreementsQuery(status, party, basin, page, size, caller), AgreementPage.class).join();
    }

    @GetMapping("/{id}/history")
    public HistoryPage history(@PathVariable String id, @RequestParam(defaultValue = "0") long after,
                               @RequestParam(defaultValue = "100") int limit, Caller caller) {
        Access.requireAuthenticated(caller);
        AgreementStatusView view = visible(id, caller);
        if (caller.role() == Caller.Role.JURISDICTION && !view.hasParty(caller.id())) {
            throw new NotPermittedException("only parties, mediators and the registrar read an agreement's history");
        }
        if (after < 0) {
            throw new InvalidInputException("after", "must be 0 or more");
        }
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "must be between 1 and 500");
        }
        AgreementHistoryPage page = queries.query(new FindAgreementHistoryQuery(id, after, limit),
                AgreementHistoryPage.class).join();
        Set<String> disputeIds = page.items().stream().filter(AgreementController::isDisputeEvent)
                .map(AgreementHistoryPage.Entry::aggregateId).collect(Collectors.toSet());
        Map<String, DisputeSummary> disputes = disputeIds.isEmpty() ? Map.of() : disputesOf(id, disputeIds);
        return new HistoryPage(page.agreementId(), page.items().stream()
                .filter(e -> !isDisputeEvent(e) || seesDisputeEvent(disputes.get(e.aggregateId()), caller, e.type()))
                .map(e -> new HistoryEntry(e.sequence(), e.eventId(), e.type(), e.aggregateType(), e.aggregateId(),
                        e.aggregateSequence(), e.occurredAt(), e.actor(), e.actorJurisdiction(), e.requestId(),
                        e.correlationId(), e.payload(), e.leafIndex()))
                .toList(), page.nextAfter());
    }

    /** Events of a dispute's own stream follow the case file's rule (claims and statements are not for all). */
    private static boolean isDisputeEvent(AgreementHistoryPage.Entry entry) {
        return DISPUTE_AGGREGATE.equals(entry.aggregateType());
    }

    private static boolean seesDisputeEvent(DisputeSummary dispute, Caller caller, String type) {
        return dispute == null ? caller.role() == Caller.Role.REGISTRAR : DisputeVisibility.seesEvent(dispute, caller, type);
    }

    /**
     * The agreement's disputes named {@code ids} (those of one page of its history), found reading its disputes a
     * page at a time and keeping only those.
     */
    private Map<String, DisputeSummary> disputesOf(String agreementId, Set<String> ids) {
        Map<String, DisputeSummary> found = new HashMap<>();
        long offset = 0;
        DisputeList page;
        do {
            page = queries.query(new ListDisputesQuery(agreementId, null, null, offset, DISPUTES_PAGE),
                    DisputeList.class).join();
            page.items().stream().filter(d -> ids.contains(d.id())).forEach(d -> found.put(d.id(), d));
            offset += page.items().size();
        } while (found.size() < ids.size() && !page.items().isEmpty() && offset < page.total());
        return found;
    }

    private ResponseEntity<AgreementStatusView> answer(String id) {
        AgreementStatusView view = current(id);
        return ResponseEntity.ok().eTag(etag(view)).body(view);
    }

    private AgreementStatusView current(String id) {
        AgreementStatusView view = visibility.current(id);
        if (view == null) {
            throw new NotFoundException("no agreement " + id);
        }
        return view;
    }

    private AgreementStatusView visible(String id, Caller caller) {
        return visibility.visible(id, caller);
    }

    private static boolean canSee(AgreementStatusView view, Caller caller) {
        return AgreementVisibility.canSee(view, caller);
    }

    private static String etag(AgreementStatusView view) {
        return "\"" + view.version() + "\"";
    }

    private static long parseVersion(String ifMatch) {
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("If-Match", "must be the agreement's version, e.g. \"3\"");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
