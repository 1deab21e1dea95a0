package org.basinledger.app.web.dispute;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.dispute.AddStatementCommand;
import org.basinledger.api.dispute.AssignMediatorCommand;
import org.basinledger.api.dispute.DisputeCaseFile;
import org.basinledger.api.dispute.DisputeList;
import org.basinledger.api.dispute.DisputeStatus;
import org.basinledger.api.dispute.DisputeSummary;
import org.basinledger.api.dispute.FindDisputeQuery;
import org.basinledger.api.dispute.ListDisputesQuery;
import org.basinledger.api.dispute.RaiseDisputeCommand;
import org.basinledger.api.dispute.Remedy;
import org.basinledger.api.dispute.RuleOnDisputeCommand;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.WithdrawDisputeCommand;
import org.basinledger.app.security.Access;
import org.basinledger.app.web.Commands;
import org.basinledger.app.web.ListPage;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Disputes (API.md). The case file — statements and the related history — is for the dispute's claimant and
 * respondents, its assigned mediator and the registrar; a mediator sees the cases assigned to it and nothing
 * else; everyone else sees a dispute only once it is ruled, and then only its parties, ruling and reasoning.
 */
@RestController
@RequestMapping("/api/v1/disputes")
public class DisputeController {

    private final Commands commands;
    private final QueryGateway queries;

    public DisputeController(Commands commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** {@code remedy} (optional): what the claim asks the ledger to do if it is upheld. */
    public record RaiseRequest(String agreementId, Subject subject, List<String> respondents, String claim,
                               Remedy remedy) {
    }

    public record MediatorRequest(String mediatorId) {
    }

    public record StatementRequest(String text, List<Evidence> evidence) {
    }

    public record RulingRequest(RulingOutcome outcome, String reasoning, Money adjustedAmount) {
    }

    @PostMapping
    public ResponseEntity<DisputeCaseFile> raise(@RequestBody RaiseRequest body, Caller caller,
                                                 HttpServletRequest request) {
        String claimant = Access.requireJurisdiction(caller);
        if (body.agreementId() == null || body.agreementId().isBlank()) {
            throw new InvalidInputException("agreementId", "is required");
        }
        String id = UUID.randomUUID().toString();
        URI location = URI.create("/api/v1/disputes/" + id);
        commands.send(new RaiseDisputeCommand(id, body.agreementId(), claimant, body.subject(),
                body.respondents() == null ? List.of() : body.respondents(), body.claim(), body.remedy()), location,
                caller, request);
        return ResponseEntity.created(location).body(caseFile(id));
    }

    @PostMapping("/{id}/mediator")
    public DisputeSummary assign(@PathVariable String id, @RequestBody MediatorRequest body, Caller caller,
                                 HttpServletRequest request) {
        Access.requireRegistrar(caller);
        commands.send(new AssignMediatorCommand(id, body.mediatorId()), caller, request);
        return caseFile(id).dispute();
    }

    @PostMapping("/{id}/statements")
    public ResponseEntity<DisputeCaseFile.Statement> state(@PathVariable String id, @RequestBody StatementRequest body,
                                                           Caller caller, HttpServletRequest request) {
        Access.requireAuthenticated(caller);
        String jurisdiction = caller.role() == Caller.Role.JURISDICTION ? caller.id() : null;
        String mediator = caller.role() == Caller.Role.MEDIATOR ? caller.id() : null;
        if (jurisdiction == null && mediator == null) {
            throw new NotPermittedException("statements are made by the dispute's parties and its mediator");
        }
        Integer number = commands.send(new AddStatementCommand(id, jurisdiction, mediator, body.text(),
                body.evidence() == null ? List.of() : body.evidence()), caller, request);
        // by its number, not "the last one": another party may have added a statement meanwhile
        DisputeCaseFile.Statement added = caseFile(id).statements().stream()
                .filter(s -> s.number() == number).findFirst()
                .orElseThrow(() -> new IllegalStateException("statement " + number + " of " + id + " not in the case file"));
        return ResponseEntity.created(URI.create("/api/v1/disputes/" + id + "#statement-" + added.number())).body(added);
    }

    @PostMapping("/{id}/ruling")
    public DisputeSummary rule(@PathVariable String id, @RequestBody RulingRequest body, Caller caller,
                               HttpServletRequest request) {
        Access.requireAuthenticated(caller);
        if (caller.role() != Caller.Role.MEDIATOR) {
            throw new NotPermittedException("only the dispute's mediator rules");
        }
        commands.send(new RuleOnDisputeCommand(id, caller.id(), body.outcome(), body.reasoning(),
                body.adjustedAmount()), caller, request);
        return caseFile(id).dispute();
    }

    @PostMapping("/{id}/withdrawal")
    public DisputeSummary withdraw(@PathVariable String id, Caller caller, HttpServletRequest request) {
        String claimant = Access.requireJurisdiction(caller);
        commands.send(new WithdrawDisputeCommand(id, claimant), caller, request);
        return caseFile(id).dispute();
    }

    @GetMapping("/{id}")
    public DisputeCaseFile get(@PathVariable String id, Caller caller) {
        DisputeCaseFile file = caseFile(id);
        DisputeSummary dispute = file.dispute();
        if (seesCaseFile(dispute, caller)) {
            return file;
        }
        if (caller.role() == Caller.Role.MEDIATOR) {
            throw new NotPermittedException("a mediator sees only the cases assigned to it");
        }
        if (dispute.status() != DisputeStatus.RULED) {
            throw new NotFoundException("no dispute " + id);
        }
        return new DisputeCaseFile(dispute, List.of(), List.of());
    }

    /** A page of the disputes the caller may see, newest first ({@link ListPage}). */
    @GetMapping
    public ListPage<DisputeSummary> list(@RequestParam(required = false) String agreementId,
                                         @RequestParam(required = false) DisputeStatus status,
                                         @RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size,
                                         Caller caller) {
        String mediator = caller.role() == Caller.Role.MEDIATOR ? caller.id() : null;
        ListPage.Chunks<DisputeSummary> disputes = (from, limit) -> {
            DisputeList chunk = queries.query(new ListDisputesQuery(agreementId, status, mediator, from, limit),
                    DisputeList.class).join();
            return new ListPage.Chunk<>(chunk.items(), chunk.total());
        };
        if (caller.role() == Caller.Role.REGISTRAR) {
            ListPage.Chunk<DisputeSummary> found = disputes.read(ListPage.offset(page, size), size);
            return ListPage.of(found.items(), page, size, found.total());
        }
        return ListPage.ofReadable(page, size, disputes,
                d -> seesCaseFile(d, caller) || DisputeVisibility.seesRuling(d, caller));
    }

    private DisputeCaseFile caseFile(String id) {
        DisputeCaseFile file = queries.query(new FindDisputeQuery(id), DisputeCaseFile.class).join();
        if (file == null) {
            throw new NotFoundException("no dispute " + id);
        }
        return file;
    }

    private static boolean seesCaseFile(DisputeSummary dispute, Caller caller) {
        return DisputeVisibility.seesCaseFile(dispute, caller);
    }
}
