package org.basinledger.app.web.registry;

import java.net.URI;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.registry.FindJurisdictionQuery;
import org.basinledger.api.registry.FindMediatorQuery;
import org.basinledger.api.registry.JurisdictionView;
import org.basinledger.api.registry.MediatorView;
import org.basinledger.app.security.Access;
import org.basinledger.app.security.AccessTokens;
import org.basinledger.app.web.IdempotencyFilter;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bearer tokens, issued and revoked by the registrar. A token is shown once, in the answer that issues it, and
 * stored nowhere in clear (only its hash): a retry with the same {@code Idempotency-Key} gets the issuing answer
 * with {@code token} null and a {@code detail} saying so.
 */
@RestController
@RequestMapping("/api/v1/tokens")
public class TokenController {

    private final AccessTokens tokens;
    private final QueryGateway queries;
    private final ObjectMapper json;

    public TokenController(AccessTokens tokens, QueryGateway queries, ObjectMapper json) {
        this.tokens = tokens;
        this.queries = queries;
        this.json = json;
    }

    public record IssueTokenRequest(@NotNull Caller.Role principalType, String principalId) {
    }

    public record RevokedToken(String tokenId, Instant revokedAt) {
    }

    /** The issuing answer as a retry sees it: everything but the token. */
    public record ReplayedToken(String tokenId, String token, Caller.Role principalType, String principalId,
                                Instant issuedAt, String detail) {
    }

    @PostMapping
    public ResponseEntity<AccessTokens.IssuedToken> issue(@Valid @RequestBody IssueTokenRequest body, Caller caller,
                                                          HttpServletRequest request) throws JsonProcessingException {
        Access.requireRegistrar(caller);
        String principalId = switch (body.principalType()) {
            case PUBLIC -> throw new InvalidInputException("principalType", "must be JURISDICTION, MEDIATOR or REGISTRAR");
            case REGISTRAR -> "registrar";
            case JURISDICTION -> requireKnown(body.principalId(),
                    queries.query(new FindJurisdictionQuery(nullToEmpty(body.principalId())), JurisdictionView.class).join() != null,
                    "jurisdiction");
            case MEDIATOR -> requireKnown(body.principalId(),
                    queries.query(new FindMediatorQuery(nullToEmpty(body.principalId())), MediatorView.class).join() != null,
                    "mediator");
        };
        AccessTokens.IssuedToken issued = tokens.issue(body.principalType(), principalId);
        IdempotencyFilter.recordInstead(request, json.writeValueAsBytes(new ReplayedToken(issued.tokenId(), null,
                issued.principalType(), issued.principalId(), issued.issuedAt(), "the token was shown once, in the "
                + "first answer, and is stored nowhere: if it was lost, revoke " + issued.tokenId() + " and issue another")));
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.tokenId())).body(issued);
    }

    @DeleteMapping("/{tokenId}")
    public RevokedToken revoke(@PathVariable String tokenId, Caller caller) {
        Access.requireRegistrar(caller);
        return new RevokedToken(tokenId, tokens.revoke(tokenId));
    }

    private static String requireKnown(String id, boolean known, String kind) {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("principalId", "is required");
        }
        if (!known) {
            throw new InvalidInputException("principalId", "no " + kind + " " + id + " is registered");
        }
        return id;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
