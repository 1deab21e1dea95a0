package org.basinledger.app.web.agreement;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.AgreementTerms;
import org.basinledger.api.agreement.AmendmentList;
import org.basinledger.api.agreement.AmendmentStatus;
import org.basinledger.api.agreement.AmendmentTermsDocument;
import org.basinledger.api.agreement.AmendmentView;
import org.basinledger.api.agreement.FindAmendmentTermsQuery;
import org.basinledger.api.agreement.FindAmendmentsQuery;
import org.basinledger.api.agreement.Party;
import org.basinledger.api.agreement.ProposeAmendmentCommand;
import org.basinledger.api.agreement.RejectAmendmentCommand;
import org.basinledger.api.agreement.SignAmendmentCommand;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.app.security.Access;
import org.basinledger.app.web.Commands;
import org.basinledger.app.web.agreement.AgreementController.ReasonRequest;
import org.basinledger.app.web.agreement.AgreementController.SignatureRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Amendments of an agreement in force (API.md, "Amendments, renewal, rounds, termination with notice"): a party
 * proposes, every party of the old and the new list signs, any of them rejects. The list is seen as the status view
 * is; an amendment's canonical document by those who sign it (and the registrar) until it is adopted, then by all.
 */
@RestController
@RequestMapping("/api/v1/agreements")
public class AmendmentController {

    private final Commands commands;
    private final QueryGateway queries;
    private final AgreementVisibility visibility;

    public AmendmentController(Commands commands, QueryGateway queries, AgreementVisibility visibility) {
        this.commands = commands;
        this.queries = queries;
        this.visibility = visibility;
    }

    /** A proposal: a field left out stays as it is; {@code parties} is the whole new list. */
    public record AmendmentRequest(String reason, LocalDate validFrom, AgreementTerms terms, LocalDate effectiveUntil,
                                   List<Party> parties) {
    }

    @PostMapping("/{id}/amendments")
    public ResponseEntity<AmendmentView> propose(@PathVariable String id, @RequestBody AmendmentRequest body,
                                                 Caller caller, HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        Integer number = commands.send(new ProposeAmendmentCommand(id, party, body.reason(), body.validFrom(),
                body.terms(), body.effectiveUntil(), body.parties()), caller, request);
        URI location = URI.create("/api/v1/agreements/" + id + "/amendments/" + number);
        return ResponseEntity.created(location).body(amendment(id, number));
    }

    @GetMapping("/{id}/amendments")
    public AmendmentList list(@PathVariable String id, Caller caller) {
        visibility.visible(id, caller);
        return queries.query(new FindAmendmentsQuery(id), AmendmentList.class).join();
    }

    @GetMapping("/{id}/amendments/{number}")
    public AmendmentView one(@PathVariable String id, @PathVariable int number, Caller caller) {
        visibility.visible(id, caller);
        return amendment(id, number);
    }

    @GetMapping(value = "/{id}/amendments/{number}/terms", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> terms(@PathVariable String id, @PathVariable int number, Caller caller) {
        AgreementStatusView view = visibility.visible(id, caller);
        AmendmentTermsDocument document = queries.query(new FindAmendmentTermsQuery(id, number),
                AmendmentTermsDocument.class).join();
        if (document == null || !canRead(document.amendment(), view, caller)) {
            throw new NotFoundException("agreement " + id + " has no amendment " + number + " you may read");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Terms-Hash", document.termsHash())
                .header("X-Amendment-Status", document.amendment().status().name())
                .body(document.canonicalDocument().getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping("/{id}/amendments/{number}/signatures")
    public AmendmentView sign(@PathVariable String id, @PathVariable int number,
                              @Valid @RequestBody SignatureRequest body, Caller caller, HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        String keyId = body.keyId() == null || body.keyId().isBlank() ? null : body.keyId();
        commands.send(new SignAmendmentCommand(id, party, number, body.signature(), keyId), caller, request);
        return amendment(id, number);
    }

    @PostMapping("/{id}/amendments/{number}/rejection")
    public AmendmentView reject(@PathVariable String id, @PathVariable int number,
                                @Valid @RequestBody ReasonRequest body, Caller caller, HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        commands.send(new RejectAmendmentCommand(id, party, number, body.reason()), caller, request);
        return amendment(id, number);
    }

    /**
     * Who reads an amendment's document: everyone who sees the agreement once it is adopted; before, those who sign
     * it, the agreement's parties and the registrar.
     */
    static boolean canRead(AmendmentView amendment, AgreementStatusView agreement, Caller caller) {
        if (amendment.status() == AmendmentStatus.ADOPTED || caller.role() == Caller.Role.REGISTRAR) {
            return true;
        }
        return caller.role() == Caller.Role.JURISDICTION
                && (amendment.hasSignatory(caller.id()) || agreement.hasParty(caller.id()));
    }

    private AmendmentView amendment(String id, int number) {
        return queries.query(new FindAmendmentsQuery(id), AmendmentList.class).join().items().stream()
                .filter(a -> a.number() == number)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("agreement " + id + " has no amendment " + number));
    }
}
