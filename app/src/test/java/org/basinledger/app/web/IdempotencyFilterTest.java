package org.basinledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.basinledger.app.config.LedgerProperties;
import org.basinledger.app.idempotency.IdempotencyAttempt;
import org.basinledger.app.idempotency.IdempotencyKeys;
import org.basinledger.app.idempotency.IdempotencyProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.dao.DataAccessResourceFailureException;
import org.basinledger.app.support.IdempotencyTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * What {@link IdempotencyFilter} answers, before and after the request runs, for every state of a key, on the real
 * table (H2, the migrations' DDL). The request's command is played by the chain: "applying" writes the key's row
 * for this attempt as the command's transaction would ({@code IdempotencyInterceptor} is proven end to end in
 * {@code IdempotencyContract}).
 */
class IdempotencyFilterTest {

    private static final String TRANSFER = "/api/v1/transfers/t-1";
    private static final String BODY = "{\"amount\":\"10.00\"}";

    private final ObjectMapper json = new ObjectMapper();
    private JdbcTemplate jdbc;
    private IdempotencyKeys keys;

    @BeforeEach
    void table() throws Exception {
        jdbc = IdempotencyTables.inMemory("idempotency");
        keys = new IdempotencyKeys(jdbc);
    }

    /** A node: each has its own filter (and its own in-flight set) over the shared table. */
    private IdempotencyFilter node() {
        return new IdempotencyFilter(keys, json, new IdempotencyProperties(null, Duration.ofSeconds(30), null),
                new LedgerProperties(null, null, 0, Duration.ofSeconds(5), 0));
    }

    private MockHttpServletResponse post(IdempotencyFilter node, String key, String body, FilterChain chain)
            throws IOException, ServletException {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/transfers");
        // as the container maps it for the dispatcher servlet at "/": the whole path is the servlet path
        request.setServletPath("/api/v1/transfers");
        request.addHeader(IdempotencyFilter.HEADER, key);
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setHeader(RequestIdFilter.HEADER, "req-1");
        node.doFilter(request, response, chain);
        return response;
    }

    /** The command commits (the key's row for this attempt), then the answer is written. */
    private FilterChain applies(int status, String body) {
        return (req, res) -> {
            apply((HttpServletRequest) req);
            HttpServletResponse response = (HttpServletResponse) res;
            response.setStatus(status);
            response.setHeader("Location", TRANSFER);
            response.setContentType("application/json");
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        };
    }

    private void apply(HttpServletRequest request) {
        IdempotencyAttempt attempt = IdempotencyFilter.attemptOf(request);
        insert(attempt.scope(), attempt.fingerprint(), attempt.attempt(), Instant.now());
    }

    private void insert(String scope, String fingerprint, String attempt, Instant at) {
        jdbc.update("insert into idempotency_key (scope, fingerprint, state, attempt, location, created_at) "
                + "values (?, ?, 'APPLIED', ?, ?, ?)", scope, fingerprint, attempt, TRANSFER, Timestamp.from(at));
    }

    private static FilterChain answers(int status) {
        return (req, res) -> {
            HttpServletResponse response = (HttpServletResponse) res;
            response.setStatus(status);
            response.setContentType("application/problem+json");
            response.getOutputStream().write(("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8));
        };
    }

    private static FilterChain mustNotRun() {
        return (req, res) -> {
            throw new AssertionError("the request ran again");
        };
    }

    private String state(String key) {
        return jdbc.query("select state from idempotency_key where scope = ?", rs -> rs.next() ? rs.getString(1) : null,
                "public|" + key);
    }

    private JsonNode json(MockHttpServletResponse response) throws Exception {
        return json.readTree(response.getContentAsByteArray());
    }

    @Test
    void theAnswerOfTheAttemptThatAppliedIsRecordedAndReplayedWithoutRunningAgain() throws Exception {
        IdempotencyFilter node = node();
        MockHttpServletResponse first = post(node, "k1", BODY, applies(201, "{\"id\":\"t-1\"}"));
        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(first.getContentAsString()).isEqualTo("{\"id\":\"t-1\"}");
        assertThat(state("k1")).isEqualTo("DONE");

        MockHttpServletResponse again = post(node(), "k1", BODY, mustNotRun());
        assertThat(again.getStatus()).isEqualTo(201);
        assertThat(again.getContentAsString()).isEqualTo("{\"id\":\"t-1\"}");
        assertThat(again.getHeader("Location")).isEqualTo(TRANSFER);
        assertThat(again.getHeader(IdempotencyFilter.REPLAYED)).isEqualTo("true");
    }

    @Test
    void anExceptionAfterTheCommitIsAnsweredAppliedWithTheLocationAndReplayedSo() throws Exception {
        MockHttpServletResponse first = post(node(), "k2", BODY, (req, res) -> {
            apply((HttpServletRequest) req);
            throw new IllegalStateException("building the answer failed");
        });
        assertThat(first.getStatus()).isEqualTo(202);
        assertThat(first.getHeader("Location")).isEqualTo(TRANSFER);
        assertThat(first.getHeader("Retry-After")).isEqualTo("1");
        assertThat(first.getHeader(RequestIdFilter.HEADER)).as("headers set before the request are kept")
                .isEqualTo("req-1");
        assertThat(json(first).path("location").asText()).isEqualTo(TRANSFER);
        assertThat(json(first).path("detail").asText()).contains("applied");

        MockHttpServletResponse again = post(node(), "k2", BODY, mustNotRun());
        assertThat(again.getStatus()).isEqualTo(202);
        assertThat(again.getHeader("Location")).isEqualTo(TRANSFER);
        assertThat(again.getHeader(IdempotencyFilter.REPLAYED)).isEqualTo("true");
    }

    @Test
    void aServerErrorAnswerAfterTheCommitBecomesTheAppliedAnswer() throws Exception {
        MockHttpServletResponse first = post(node(), "k3", BODY, applies(500, "{\"detail\":\"nothing was changed\"}"));
        assertThat(first.getStatus()).isEqualTo(202);
        assertThat(first.getContentAsString()).doesNotContain("nothing was changed");
        assertThat(json(first).path("status").asInt()).isEqualTo(202);
        assertThat(state("k3")).isEqualTo("DONE");
    }

    @Test
    void aServerErrorThatAppliedNothingIsPassedOnUnrecordedAndARetryApplies() throws Exception {
        MockHttpServletResponse failed = post(node(), "k4", BODY, answers(503));
        assertThat(failed.getStatus()).isEqualTo(503);
        assertThat(state("k4")).isNull();

        MockHttpServletResponse retried = post(node(), "k4", BODY, applies(201, "{\"id\":\"t-1\"}"));
        assertThat(retried.getStatus()).isEqualTo(201);
        assertThat(retried.getHeader(IdempotencyFilter.REPLAYED)).isNull();
    }

    @Test
    void aRefusalThatAppliedNothingIsTheKeysAnswer() throws Exception {
        assertThat(post(node(), "k5", BODY, answers(409)).getStatus()).isEqualTo(409);
        MockHttpServletResponse again = post(node(), "k5", BODY, mustNotRun());
        assertThat(again.getStatus()).isEqualTo(409);
        assertThat(again.getHeader(IdempotencyFilter.REPLAYED)).isEqualTo("true");
    }

    @Test
    void answersAboutTheKeyItselfAreNotRecorded() throws Exception {
        MockHttpServletResponse busy = post(node(), "k6", BODY, (req, res) -> {
            IdempotencyFilter.doNotRecord((HttpServletRequest) req);
            answers(409).doFilter(req, res);
        });
        assertThat(busy.getStatus()).isEqualTo(409);
        assertThat(post(node(), "k6", BODY, answers(429)).getStatus()).isEqualTo(429);
        assertThat(state("k6")).isNull();
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedWith422() throws Exception {
        post(node(), "k7", BODY, applies(201, "{\"id\":\"t-1\"}"));
        MockHttpServletResponse other = post(node(), "k7", "{\"amount\":\"11.00\"}", mustNotRun());
        assertThat(other.getStatus()).isEqualTo(422);
        assertThat(json(other).path("type").asText()).isEqualTo("urn:basin-ledger:problem:idempotency-key-reused");
    }

    @Test
    void aKeyAppliedButNotYetAnsweredIsInProgressAtOnceWithRetryAfter() throws Exception {
        IdempotencyAttempt probe = probe("k8");
        insert(probe.scope(), probe.fingerprint(), "running-elsewhere", Instant.now());

        long started = System.nanoTime();
        MockHttpServletResponse busy = post(node(), "k8", BODY, mustNotRun());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(busy.getStatus()).isEqualTo(409);
        assertThat(busy.getHeader("Retry-After")).isEqualTo("1");
        assertThat(json(busy).path("type").asText()).isEqualTo("urn:basin-ledger:problem:idempotency-in-progress");
        assertThat(state("k8")).isEqualTo("APPLIED");
    }

    @Test
    void aDuplicateArrivingWhileTheFirstRunsOnTheSameNodeIsInProgress() throws Exception {
        IdempotencyFilter node = node();
        AtomicReference<MockHttpServletResponse> duplicate = new AtomicReference<>();
        MockHttpServletResponse first = post(node, "k9", BODY, (req, res) -> {
            duplicate.set(post(node, "k9", BODY, mustNotRun()));
            applies(201, "{\"id\":\"t-1\"}").doFilter(req, res);
        });
        assertThat(duplicate.get().getStatus()).isEqualTo(409);
        assertThat(duplicate.get().getHeader("Retry-After")).isEqualTo("1");
        assertThat(first.getStatus()).isEqualTo(201);
    }

    @Test
    void aKeyAppliedLongAgoAndNeverAnsweredRecoversAsApplied() throws Exception {
        IdempotencyAttempt probe = probe("k10");
        insert(probe.scope(), probe.fingerprint(), "lost-in-a-crash", Instant.now().minus(Duration.ofMinutes(5)));

        MockHttpServletResponse recovered = post(node(), "k10", BODY, mustNotRun());
        assertThat(recovered.getStatus()).isEqualTo(202);
        assertThat(recovered.getHeader("Location")).isEqualTo(TRANSFER);
        assertThat(recovered.getHeader(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        assertThat(state("k10")).isEqualTo("DONE");
        assertThat(post(node(), "k10", BODY, mustNotRun()).getStatus()).isEqualTo(202);
    }

    @Test
    void anotherAttemptThatAppliedMeanwhileAnswersForTheOneThatLostTheRace() throws Exception {
        IdempotencyAttempt probe = probe("k11");
        MockHttpServletResponse lost = post(node(), "k11", BODY, (req, res) -> {
            // another node's attempt commits first; this one's command is refused by the key (nothing applied)
            insert(probe.scope(), probe.fingerprint(), "the-winner", Instant.now());
            keys.complete(probe.scope(), "the-winner", new IdempotencyKeys.Answer(201, "application/json", TRANSFER,
                    null, "{\"id\":\"t-1\"}".getBytes(StandardCharsets.UTF_8)));
            IdempotencyFilter.doNotRecord((HttpServletRequest) req);
            answers(409).doFilter(req, res);
        });
        assertThat(lost.getStatus()).isEqualTo(201);
        assertThat(lost.getContentAsString()).isEqualTo("{\"id\":\"t-1\"}");
        assertThat(lost.getHeader(IdempotencyFilter.REPLAYED)).isEqualTo("true");
    }

    @Test
    void whenTheAnswerCannotBeRecordedAfterTheCommitTheAnswerIsStillAppliedAndTheKeyRecoversLater() throws Exception {
        IdempotencyKeys failing = Mockito.spy(keys);
        Mockito.doThrow(new DataAccessResourceFailureException("the database went away"))
                .when(failing).complete(Mockito.anyString(), Mockito.anyString(), Mockito.any());
        IdempotencyFilter node = new IdempotencyFilter(failing, json,
                new IdempotencyProperties(null, Duration.ofSeconds(30), null),
                new LedgerProperties(null, null, 0, Duration.ofSeconds(5), 0));
        MockHttpServletResponse answer = post(node, "k12", BODY, (req, res) -> {
            Commands.markApplied((HttpServletRequest) req, TRANSFER);
            applies(201, "{\"id\":\"t-1\"}").doFilter(req, res);
        });
        assertThat(answer.getStatus()).isEqualTo(202);
        assertThat(answer.getHeader("Location")).isEqualTo(TRANSFER);
        assertThat(answer.getHeader(RequestIdFilter.HEADER)).isEqualTo("req-1");
        assertThat(state("k12")).as("left applied, to be recovered").isEqualTo("APPLIED");
    }

    @Test
    void whenNothingWasAppliedAFailureToReadTheKeyIsNotDisguised() {
        IdempotencyKeys failing = Mockito.spy(keys);
        IdempotencyFilter node = new IdempotencyFilter(failing, json,
                new IdempotencyProperties(null, Duration.ofSeconds(30), null),
                new LedgerProperties(null, null, 0, Duration.ofSeconds(5), 0));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> post(node, "k13", BODY, (req, res) -> {
            Mockito.doThrow(new DataAccessResourceFailureException("the database went away"))
                    .when(failing).find(Mockito.anyString());
            answers(409).doFilter(req, res);
        })).isInstanceOf(DataAccessResourceFailureException.class);
    }

    @Test
    void recoveryAfterMustOutlastTheReadAfterWriteTimeout() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IdempotencyFilter(keys, json,
                        new IdempotencyProperties(null, Duration.ofSeconds(5), null),
                        new LedgerProperties(null, null, 0, Duration.ofSeconds(5), 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("recovery-after");
    }

    /** The scope and fingerprint a request with this key and {@link #BODY} has (it applies nothing). */
    private IdempotencyAttempt probe(String key) throws Exception {
        AtomicReference<IdempotencyAttempt> seen = new AtomicReference<>();
        post(node(), key, BODY, (req, res) -> {
            seen.set(IdempotencyFilter.attemptOf((HttpServletRequest) req));
            answers(500).doFilter(req, res);
        });
        assertThat(state(key)).isNull();
        return seen.get();
    }
}
