package org.basinledger.app.web.transfer;

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
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.registry.FindJurisdictionQuery;
import org.basinledger.api.registry.JurisdictionView;
import org.basinledger.api.transfer.AcknowledgeTransferCommand;
import org.basinledger.api.transfer.ConfirmTransferReceiptCommand;
import org.basinledger.api.transfer.CreateTransferCommand;
import org.basinledger.api.transfer.FindBalanceQuery;
import org.basinledger.api.transfer.FindTransferQuery;
import org.basinledger.api.transfer.JurisdictionBalance;
import org.basinledger.api.transfer.ListTransfersQuery;
import org.basinledger.api.transfer.RecordTransferPaymentCommand;
import org.basinledger.api.transfer.TransferList;
import org.basinledger.api.transfer.TransferSource;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.api.transfer.TransferView;
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
 * Compensation transfers and balances (API.md): the paying party creates, acknowledges and pays; the payee
 * confirms receipt. Transfers are read by parties, mediators and the registrar, and by the public once their
 * agreement has entered into force; those of emission schemes (no agreement) by anyone.
 */
@RestController
@RequestMapping("/api/v1")
public class TransferController {

    private final Commands commands;
    private final QueryGateway queries;
    private final AgreementVisibility visibility;

    public TransferController(Commands commands, QueryGateway queries, AgreementVisibility visibility) {
        this.commands = commands;
        this.queries = queries;
        this.visibility = visibility;
    }

    public record CreateTransferRequest(String agreementId, String payee, Money amount, String reason) {
    }

    public record PaymentRequest(String reference, Instant paidAt) {
    }

    @PostMapping("/transfers")
    public ResponseEntity<TransferView> create(@RequestBody CreateTransferRequest body, Caller caller,
                                               HttpServletRequest request) {
        String payer = Access.requireJurisdiction(caller);
        if (body.agreementId() == null || body.agreementId().isBlank()) {
            throw new InvalidInputException("agreementId", "is required");
        }
        if (body.amount() == null) {
            throw new InvalidInputException("amount", "is required");
        }
        String transferId = UUID.randomUUID().toString();
        URI location = URI.create("/api/v1/transfers/" + transferId);
        commands.send(new CreateTransferCommand(transferId, body.agreementId(), payer, body.payee(), body.amount(),
                body.reason(), TransferSource.PARTY, null, payer), location, caller, request);
        TransferView view = transfer(transferId);
        return ResponseEntity.created(location).eTag(etag(view)).body(view);
    }

    @PostMapping("/transfers/{id}/acknowledgement")
    public ResponseEntity<TransferView> acknowledge(@PathVariable String id, Caller caller, HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        commands.send(new AcknowledgeTransferCommand(id, party), caller, request);
        return answer(id);
    }

    @PostMapping("/transfers/{id}/payment")
    public ResponseEntity<TransferView> pay(@PathVariable String id, @RequestBody PaymentRequest body, Caller caller,
                                            HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        commands.send(new RecordTransferPaymentCommand(id, party, body.reference(), body.paidAt()), caller, request);
        return answer(id);
    }

    @PostMapping("/transfers/{id}/receipt")
    public ResponseEntity<TransferView> receipt(@PathVariable String id, Caller caller, HttpServletRequest request) {
        String party = Access.requireJurisdiction(caller);
        commands.send(new ConfirmTransferReceiptCommand(id, party), caller, request);
        return answer(id);
    }

    @GetMapping("/transfers/{id}")
    public ResponseEntity<TransferView> get(@PathVariable String id, Caller caller) {
        TransferView view = transfer(id);
        if (view.schemeId() == null) {
            visibility.withDetails(view.agreementId(), caller);
        } // an emission scheme's transfers are public, as its registry is

        return ResponseEntity.ok().eTag(etag(view)).body(view);
    }

    /** A page of the transfers the caller may read, newest first ({@link ListPage}). */
    @GetMapping("/transfers")
    public ListPage<TransferView> list(@RequestParam(required = false) String agreementId,
                             @RequestParam(required = false) String party,
                             @RequestParam(required = false) TransferStatus status,
                             @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "" + ListPage.DEFAULT_SIZE) int size, Caller caller) {
        if (agreementId != null) {
            visibility.withDetails(agreementId, caller);
        }
        long offset = ListPage.offset(page, size);
        if (agreementId != null || caller.role() == Caller.Role.REGISTRAR) {
            TransferList found = queries.query(new ListTransfersQuery(agreementId, party, status, offset, size),
                    TransferList.class).join();
            return ListPage.of(found.items(), page, size, found.total());
        }
        // Across agreements the rule is the agreement's: only the transfers of readable agreements are paged.
        Map<String, Boolean> readable = new HashMap<>();
        return ListPage.ofReadable(page, size, (from, limit) -> {
            TransferList chunk = queries.query(new ListTransfersQuery(null, party, status, from, limit),
                    TransferList.class).join();
            return new ListPage.Chunk<>(chunk.items(), chunk.total());
        }, transfer -> transfer.schemeId() != null || readable.computeIfAbsent(transfer.agreementId(), a -> {
            AgreementStatusView view = visibility.current(a);
            return view != null && AgreementVisibility.canSee(view, caller)
                    && AgreementVisibility.canSeeDetails(view, caller);
        }));
    }

    @GetMapping("/jurisdictions/{id}/balance")
    public JurisdictionBalance balance(@PathVariable String id) {
        if (queries.query(new FindJurisdictionQuery(id), JurisdictionView.class).join() == null) {
            throw new NotFoundException("no jurisdiction " + id);
        }
        return queries.query(new FindBalanceQuery(id), JurisdictionBalance.class).join();
    }

    private ResponseEntity<TransferView> answer(String id) {
        TransferView view = transfer(id);
        return ResponseEntity.ok().eTag(etag(view)).body(view);
    }

    private TransferView transfer(String id) {
        TransferView view = queries.query(new FindTransferQuery(id), TransferView.class).join();
        if (view == null) {
            throw new NotFoundException("no transfer " + id);
        }
        return view;
    }

    private static String etag(TransferView view) {
        return "\"" + view.version() + "\"";
    }
}
