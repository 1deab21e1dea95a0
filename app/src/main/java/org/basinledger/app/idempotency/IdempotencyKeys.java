package org.basinledger.app.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code idempotency_key} table. A key's row is written by the command that applies its request, in that
 * command's transaction ({@link #apply}: state {@code APPLIED}), so the key exists exactly when the effect does; the
 * answer is recorded afterwards ({@code DONE}). A request that applied no command records its answer directly as
 * {@code DONE}.
 */
@Component
public class IdempotencyKeys {

    static final String APPLIED = "APPLIED";
    static final String DONE = "DONE";

    private final JdbcTemplate jdbc;

    public IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An answer as recorded: status, the headers worth repeating, and the body. */
    public record Answer(int status, String contentType, String location, String etag, byte[] body) {
    }

    /**
     * A key's row.
     *
     * @param attempt the attempt that applied the command or recorded the refusal (null for rows from before V8)
     * @param answer  the recorded answer when {@code DONE}; when {@code APPLIED} only its location is known
     */
    public record Key(String scope, String fingerprint, String state, String attempt, Instant createdAt,
                      Answer answer) {

        public boolean done() {
            return DONE.equals(state);
        }
    }

    public Optional<Key> find(String scope) {
        List<Key> rows = jdbc.query("select scope, fingerprint, state, attempt, created_at, response_status, "
                        + "content_type, location, etag, response_body from idempotency_key where scope = ?",
                (rs, i) -> new Key(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), new Answer(rs.getObject(6) == null ? 0 : rs.getInt(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getBytes(10))), scope);
        return rows.stream().findFirst();
    }

    /**
     * Records that {@code attempt} applies its command: must run in the command's transaction, so the row commits
     * or rolls back with the command's events. A second command of the same attempt passes; any other attempt of
     * the key is refused, also one that is applying right now on another node (the primary key makes this
     * transaction wait for that one, then fail).
     *
     * @throws IdempotencyKeyInUseException when another attempt holds the key
     */
    void apply(IdempotencyAttempt attempt, String location) {
        Optional<Key> existing = find(attempt.scope());
        if (existing.isPresent()) {
            if (attempt.attempt().equals(existing.get().attempt())) {
                return;
            }
            throw new IdempotencyKeyInUseException("another request with this Idempotency-Key has been applied");
        }
        try {
            jdbc.update("insert into idempotency_key (scope, fingerprint, state, attempt, location, created_at) "
                            + "values (?, ?, 'APPLIED', ?, ?, ?)", attempt.scope(), attempt.fingerprint(),
                    attempt.attempt(), location, Timestamp.from(Instant.now()));
        } catch (DataIntegrityViolationException | PessimisticLockingFailureException taken) {
            throw new IdempotencyKeyInUseException("another request with this Idempotency-Key is being applied");
        }
    }

    /** Records the answer of the attempt that applied the key; false when the key is not that attempt's to answer. */
    public boolean complete(String scope, String attempt, Answer answer) {
        return jdbc.update("update idempotency_key set state = 'DONE', response_status = ?, content_type = ?, "
                        + "location = ?, etag = ?, response_body = ?, completed_at = ? "
                        + "where scope = ? and attempt = ? and state = 'APPLIED'",
                answer.status(), answer.contentType(), answer.location(), answer.etag(), answer.body(),
                Timestamp.from(Instant.now()), scope, attempt) == 1;
    }

    /**
     * Records the answer of a request that applied no command: a refusal, or a write outside the command bus (such
     * as issuing a token, which this key then only replays); false when the key was taken meanwhile.
     */
    public boolean answered(IdempotencyAttempt attempt, Answer answer) {
        Timestamp now = Timestamp.from(Instant.now());
        try {
            return jdbc.update("insert into idempotency_key (scope, fingerprint, state, attempt, response_status, "
                            + "content_type, location, etag, response_body, created_at, completed_at) "
                            + "values (?, ?, 'DONE', ?, ?, ?, ?, ?, ?, ?, ?)", attempt.scope(), attempt.fingerprint(),
                    attempt.attempt(), answer.status(), answer.contentType(), answer.location(), answer.etag(),
                    answer.body(), now, now) == 1;
        } catch (DataIntegrityViolationException | PessimisticLockingFailureException taken) {
            return false;
        }
    }

    /** Deletes the keys created before {@code before}; returns how many. */
    public int purge(Instant before) {
        return jdbc.update("delete from idempotency_key where created_at < ?", Timestamp.from(before));
    }

    /** This node's clock, against which the keys' ages are taken. */
    public Instant now() {
        return Instant.now();
    }
}
