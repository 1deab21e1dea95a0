package org.basinledger.app.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.basinledger.api.common.Caller;
import org.basinledger.api.common.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens of jurisdictions, mediators and further registrars. Only the SHA-256 of a token is stored;
 * the token itself is answered once, when issued. Tokens are credentials, not facts about agreements, so
 * they live in their own table and never in the event log.
 */
@Component
public class AccessTokens {

    private final JdbcTemplate jdbc;
    private final RegistrarToken registrarToken;

    public AccessTokens(JdbcTemplate jdbc, RegistrarToken registrarToken) {
        this.jdbc = jdbc;
        this.registrarToken = registrarToken;
    }

    /** A newly issued token: the only moment the token itself is known outside its holder. */
    public record IssuedToken(String tokenId, String token, Caller.Role principalType, String principalId,
                              Instant issuedAt) {
    }

    public IssuedToken issue(Caller.Role principalType, String principalId) {
        String tokenId = UUID.randomUUID().toString();
        String token = TokenHashes.newToken();
        Instant now = Instant.now();
        jdbc.update("insert into access_token (token_id, token_hash, principal_type, principal_id, issued_at) "
                        + "values (?, ?, ?, ?, ?)",
                tokenId, TokenHashes.hash(token), principalType.name(), principalId, Timestamp.from(now));
        return new IssuedToken(tokenId, token, principalType, principalId, now);
    }

    /** Revokes a token; revoking it again changes nothing. Answers when it was revoked. */
    public Instant revoke(String tokenId) {
        List<Timestamp> revoked = jdbc.queryForList(
                "select revoked_at from access_token where token_id = ?", Timestamp.class, tokenId);
        if (revoked.isEmpty()) {
            throw new NotFoundException("no token " + tokenId);
        }
        if (revoked.get(0) != null) {
            return revoked.get(0).toInstant();
        }
        Instant now = Instant.now();
        jdbc.update("update access_token set revoked_at = ? where token_id = ? and revoked_at is null",
                Timestamp.from(now), tokenId);
        return now;
    }

    /** The principal a presented token stands for, if it is the registrar's or an issued, unrevoked one. */
    public Optional<Caller> authenticate(String token) {
        if (registrarToken.matches(token)) {
            return Optional.of(Caller.REGISTRAR);
        }
        List<Caller> callers = jdbc.query(
                "select principal_type, principal_id from access_token where token_hash = ? and revoked_at is null",
                (rs, i) -> new Caller(Caller.Role.valueOf(rs.getString(1)), rs.getString(2)),
                TokenHashes.hash(token));
        return callers.stream().findFirst()
                .map(c -> c.role() == Caller.Role.REGISTRAR ? Caller.REGISTRAR : c);
    }
}
