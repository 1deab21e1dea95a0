package org.basinledger.app.integrity;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.query.integrity.IntegrityLog;
import org.basinledger.query.support.EventMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes stop while the ledger's integrity is in doubt, reads go on. The hold is on while the integrity log refuses
 * to sign (until the database is restored: see {@link IntegrityLog#refusal()}), and from any failed verification
 * (scheduled or the registrar's; {@code ledger_verification}) until the registrar releases it with a reason
 * ({@code integrity_hold_release}; a later verification that passes does not release it: someone must have looked).
 * Derived from the database on every write, so every node of a cluster holds and releases together.
 */
@Component
public class IntegrityHold {

    private static final Logger log = LoggerFactory.getLogger(IntegrityHold.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final IntegrityLog integrityLog;
    private final Clock clock;

    @Autowired
    public IntegrityHold(NamedParameterJdbcTemplate jdbc, IntegrityLog integrityLog) {
        this(jdbc, integrityLog, Clock.systemUTC());
    }

    IntegrityHold(NamedParameterJdbcTemplate jdbc, IntegrityLog integrityLog, Clock clock) {
        this.jdbc = jdbc;
        this.integrityLog = integrityLog;
        this.clock = clock;
    }

    /** A release: when, by whom, why, and the last verification it covers. */
    public record Release(Instant releasedAt, String releasedBy, String reason, long verificationId) {
    }

    /** Why writes are held, if they are. */
    public Optional<String> reason() {
        Optional<String> refusal = integrityLog.refusal();
        if (refusal.isPresent()) {
            return refusal;
        }
        return unreleasedFailure().map(f -> "a verification of the ledger failed at " + f.verifiedAt() + " ("
                + f.kind() + (f.leafIndex() == null ? "" : " at leaf " + f.leafIndex()) + ": " + f.detail()
                + "); writes are held until the registrar releases them (docs/operations.md, Integrity)");
    }

    /** @throws IntegrityHoldException when writes are held */
    public void requireNoHold() {
        Optional<String> reason = reason();
        if (reason.isPresent()) {
            throw new IntegrityHoldException("the ledger accepts no changes: " + reason.get());
        }
    }

    /**
     * Releases the hold of the failed verifications recorded so far.
     *
     * @throws InvalidInputException when the reason is blank or longer than 1000 characters
     * @throws InvalidStateException when nothing is held, or the integrity log refuses to sign (a release cannot
     *                               help: the database must be restored)
     */
    public Release release(String releasedBy, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "is required: say what was checked and why writes may resume");
        }
        if (reason.length() > 1000) {
            throw new InvalidInputException("reason", "must be at most 1000 characters");
        }
        Optional<String> refusal = integrityLog.refusal();
        if (refusal.isPresent()) {
            throw new InvalidStateException("the hold cannot be released while " + refusal.get());
        }
        Failure failure = unreleasedFailure().orElseThrow(() -> new InvalidStateException(
                "writes are not held: no failed verification since the last release"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        jdbc.update("INSERT INTO integrity_hold_release (released_at, verification_id, released_by, reason)"
                        + " VALUES (:at, :verification, :by, :reason)",
                new MapSqlParameterSource().addValue("at", EventMessages.sqlTime(now))
                        .addValue("verification", failure.id()).addValue("by", releasedBy)
                        .addValue("reason", reason.strip()));
        log.warn("integrity hold released by {} (verifications up to {}, the last failed at {}): {}", releasedBy,
                failure.id(), failure.verifiedAt(), reason.strip());
        return new Release(now, releasedBy, reason.strip(), failure.id());
    }

    private record Failure(long id, Instant verifiedAt, String kind, Long leafIndex, String detail) {
    }

    /** The latest failed verification after the last release, if any. */
    private Optional<Failure> unreleasedFailure() {
        List<Failure> failures = jdbc.query("SELECT id, verified_at, mismatch_kind, leaf_index, detail"
                        + " FROM ledger_verification WHERE ok = FALSE AND id > COALESCE("
                        + "(SELECT MAX(verification_id) FROM integrity_hold_release), 0) ORDER BY id DESC LIMIT 1",
                Map.of(), (rs, i) -> new Failure(rs.getLong("id"), EventMessages.instant(rs, "verified_at"),
                        rs.getString("mismatch_kind"), rs.getObject("leaf_index", Long.class), rs.getString("detail")));
        return failures.stream().findFirst();
    }
}
