package org.basinledger.app.web.ledger;

import java.net.URI;
import java.util.concurrent.CompletionException;

import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.ledger.ConsistencyProof;
import org.basinledger.api.ledger.FindConsistencyProofQuery;
import org.basinledger.api.ledger.FindInclusionProofQuery;
import org.basinledger.api.ledger.FindLedgerKeyQuery;
import org.basinledger.api.ledger.FindTreeHeadQuery;
import org.basinledger.api.ledger.InclusionProof;
import org.basinledger.api.ledger.LedgerKeyView;
import org.basinledger.api.ledger.LedgerLeafPage;
import org.basinledger.api.ledger.ListLedgerLeavesQuery;
import org.basinledger.api.ledger.ListTreeHeadsQuery;
import org.basinledger.api.ledger.SignedTreeHead;
import org.basinledger.api.ledger.TreeHeadPage;
import org.basinledger.api.ledger.VerificationReport;
import org.basinledger.api.ledger.VerifyLedgerQuery;
import org.basinledger.app.integrity.HeadWitnesses;
import org.basinledger.app.integrity.IntegrityHold;
import org.basinledger.app.security.Access;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger itself (API.md): its key, its signed tree heads, inclusion and consistency proofs between signed
 * sizes, the leaves for export, and (for the registrar) a verification of the log against the event store. All
 * public but the verification; a leaf's data (the event's payload and metadata) only for the registrar, since
 * drafts are not public. Before the first event is logged there is no head: {@code /head} answers 404.
 */
@RestController
@RequestMapping("/api/v1/ledger")
public class LedgerController {

    private final QueryGateway queries;
    private final IntegrityHold integrityHold;
    private final HeadWitnesses witnesses;

    public LedgerController(QueryGateway queries, IntegrityHold integrityHold, HeadWitnesses witnesses) {
        this.queries = queries;
        this.integrityHold = integrityHold;
        this.witnesses = witnesses;
    }

    /** A witness's co-signature: base64 Ed25519 over the head's signed bytes, by {@code keyId} when given. */
    public record WitnessRequest(String signature, String keyId) {
    }

    /** A jurisdiction co-signs a signed head (docs/api-extensions.md, "The ledger"): 201 with the recorded witness. */
    @PostMapping("/heads/{treeSize}/witnesses")
    public ResponseEntity<HeadWitnesses.Witness> witness(@PathVariable String treeSize,
                                                         @RequestBody(required = false) WitnessRequest body,
                                                         Caller caller) {
        String jurisdiction = Access.requireJurisdiction(caller);
        long size = number("treeSize", treeSize, null, 1);
        HeadWitnesses.Witness witness = witnesses.witness(size, jurisdiction, body == null ? null : body.keyId(),
                body == null ? null : body.signature());
        return ResponseEntity.created(URI.create("/api/v1/ledger/heads/" + size + "/witnesses")).body(witness);
    }

    /** A signed head with its witnesses' co-signatures (public). */
    @GetMapping("/heads/{treeSize}/witnesses")
    public HeadWitnesses.WitnessedHead witnessedHead(@PathVariable String treeSize) {
        return witnesses.head(number("treeSize", treeSize, null, 1));
    }

    /** Every head some witness co-signed, by size (public). */
    @GetMapping("/witnessed-heads")
    public HeadWitnesses.WitnessedHeadPage witnessedHeads(@RequestParam(required = false) String after,
                                                          @RequestParam(required = false) String limit) {
        long max = number("limit", limit, 100, 1);
        if (max > 1000) {
            throw new InvalidInputException("limit", "must be at most 1000");
        }
        return witnesses.witnessedHeads(number("after", after, 0, 0), (int) max);
    }

    /** The body of a release: why writes may resume. */
    public record ReleaseRequest(String reason) {
    }

    /**
     * The registrar ends the hold on writes that failed verifications put on (docs/operations.md, "Integrity"),
     * saying why; 409 when nothing is held or the integrity log refuses to sign.
     */
    @PostMapping("/integrity-hold/release")
    public IntegrityHold.Release releaseIntegrityHold(@RequestBody(required = false) ReleaseRequest body,
                                                      Caller caller) {
        Access.requireRegistrar(caller);
        return integrityHold.release(caller.actor(), body == null ? null : body.reason());
    }

    @GetMapping("/key")
    public LedgerKeyView key() {
        return ask(new FindLedgerKeyQuery(), LedgerKeyView.class);
    }

    @GetMapping("/head")
    public SignedTreeHead head() {
        SignedTreeHead head = ask(FindTreeHeadQuery.latest(), SignedTreeHead.class);
        if (head == null) {
            throw new NotFoundException("the ledger has logged no event yet: there is no signed tree head");
        }
        return head;
    }

    @GetMapping("/heads")
    public TreeHeadPage heads(@RequestParam(required = false) String after,
                              @RequestParam(required = false) String limit) {
        return ask(new ListTreeHeadsQuery(number("after", after, 0, 0), (int) number("limit", limit, 0, 0)),
                TreeHeadPage.class);
    }

    @GetMapping("/heads/{treeSize}")
    public SignedTreeHead headOfSize(@PathVariable String treeSize) {
        long size = number("treeSize", treeSize, null, 1);
        SignedTreeHead head = ask(new FindTreeHeadQuery(size), SignedTreeHead.class);
        if (head == null) {
            throw new NotFoundException("the ledger never signed a tree of " + size + " leaves");
        }
        return head;
    }

    @GetMapping("/proofs/inclusion")
    public InclusionProof inclusion(@RequestParam(required = false) String leafIndex,
                                    @RequestParam(required = false) String treeSize) {
        long leaf = number("leafIndex", leafIndex, null, 0);
        Long size = treeSize == null || treeSize.isBlank() ? null : number("treeSize", treeSize, null, 1);
        return ask(new FindInclusionProofQuery(leaf, size), InclusionProof.class);
    }

    @GetMapping("/proofs/consistency")
    public ConsistencyProof consistency(@RequestParam(required = false) String first,
                                        @RequestParam(required = false) String second) {
        long from = number("first", first, null, 1);
        long to = number("second", second, null, 1);
        if (from > to) {
            throw new InvalidInputException("first", "must not be larger than second (" + to + ")");
        }
        return ask(new FindConsistencyProofQuery(from, to), ConsistencyProof.class);
    }

    @GetMapping("/leaves")
    public LedgerLeafPage leaves(@RequestParam(required = false) String from,
                                 @RequestParam(required = false) String limit, Caller caller) {
        return ask(new ListLedgerLeavesQuery(number("from", from, 0, 0), (int) number("limit", limit, 0, 0),
                caller.role() == Caller.Role.REGISTRAR), LedgerLeafPage.class);
    }

    @GetMapping("/verification")
    public VerificationReport verification(Caller caller) {
        Access.requireRegistrar(caller);
        return ask(new VerifyLedgerQuery(), VerificationReport.class);
    }

    /** A whole-number parameter: the default when absent (required when the default is null), at least {@code min}. */
    private static long number(String field, String value, Integer defaultValue, long min) {
        if (value == null || value.isBlank()) {
            if (defaultValue == null) {
                throw new InvalidInputException(field, "is required");
            }
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number");
        }
        if (parsed < min) {
            throw new InvalidInputException(field, "must be at least " + min);
        }
        if (field.equals("limit") && parsed > Integer.MAX_VALUE) {
            throw new InvalidInputException(field, "is too large");
        }
        return parsed;
    }

    private <R> R ask(Object query, Class<R> type) {
        try {
            return queries.query(query, type).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
