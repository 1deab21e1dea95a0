package org.basinledger.app.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.basinledger.app.support.IdempotencyTables;
import org.springframework.jdbc.core.JdbcTemplate;

/** The key's row as the command's transaction writes it, and the purge by age, on the migrations' table (H2). */
class IdempotencyKeysTest {

    private JdbcTemplate jdbc;
    private IdempotencyKeys keys;

    @BeforeEach
    void table() throws Exception {
        jdbc = IdempotencyTables.inMemory("keys");
        keys = new IdempotencyKeys(jdbc);
    }

    @Test
    void theFirstAttemptTakesTheKeyItsNextCommandPassesAndAnyOtherAttemptIsRefused() {
        IdempotencyAttempt first = new IdempotencyAttempt("jurisdiction:CN-ZJ|k", "f", "attempt-1");
        keys.apply(first, "/api/v1/transfers/t-1");
        keys.apply(first, "/api/v1/transfers/t-1");
        assertThat(keys.find("jurisdiction:CN-ZJ|k")).hasValueSatisfying(key -> {
            assertThat(key.state()).isEqualTo("APPLIED");
            assertThat(key.attempt()).isEqualTo("attempt-1");
            assertThat(key.answer().location()).isEqualTo("/api/v1/transfers/t-1");
        });
        assertThatThrownBy(() -> keys.apply(new IdempotencyAttempt("jurisdiction:CN-ZJ|k", "f", "attempt-2"), null))
                .isInstanceOf(IdempotencyKeyInUseException.class);
        assertThat(jdbc.queryForObject("select count(*) from idempotency_key", Integer.class)).isEqualTo(1);
    }

    @Test
    void onlyTheAttemptThatAppliedCompletesTheKeyAndOnlyOnce() {
        IdempotencyAttempt first = new IdempotencyAttempt("s", "f", "attempt-1");
        keys.apply(first, "/api/v1/transfers/t-1");
        IdempotencyKeys.Answer answer = new IdempotencyKeys.Answer(201, "application/json", "/api/v1/transfers/t-1",
                "\"0\"", new byte[] {'{', '}'});
        assertThat(keys.complete("s", "attempt-2", answer)).isFalse();
        assertThat(keys.complete("s", "attempt-1", answer)).isTrue();
        assertThat(keys.complete("s", "attempt-1", answer)).as("already done").isFalse();
        assertThat(keys.answered(new IdempotencyAttempt("s", "f", "attempt-3"), answer)).isFalse();
        assertThat(keys.find("s")).hasValueSatisfying(key -> {
            assertThat(key.done()).isTrue();
            assertThat(key.answer().status()).isEqualTo(201);
            assertThat(key.answer().etag()).isEqualTo("\"0\"");
        });
    }

    @Test
    void thePurgeDeletesTheKeysOlderThanTheRetentionOnly() {
        insert("old", Instant.now().minus(Duration.ofHours(25)));
        insert("young", Instant.now().minus(Duration.ofHours(23)));
        IdempotencyProperties properties = new IdempotencyProperties(Duration.ofHours(24), null, null);

        assertThat(IdempotencyKeyPurge.purge(keys, properties)).isEqualTo(1);
        assertThat(keys.find("old")).isEmpty();
        assertThat(keys.find("young")).isPresent();
    }

    @Test
    void settingsDefaultToADayOfRetentionHalfAMinuteOfRecoveryAndAnHourlyPurge() {
        IdempotencyProperties defaults = new IdempotencyProperties(null, Duration.ZERO, Duration.ofSeconds(-1));
        assertThat(defaults.retention()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.recoveryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.purgeInterval()).isEqualTo(Duration.ofHours(1));
    }

    private void insert(String scope, Instant at) {
        jdbc.update("insert into idempotency_key (scope, fingerprint, state, attempt, created_at) "
                + "values (?, 'f', 'DONE', 'a', ?)", scope, Timestamp.from(at));
    }
}
