package org.basinledger.app.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.FieldError;
import org.basinledger.app.config.LedgerProperties;
import org.basinledger.app.idempotency.IdempotencyAttempt;
import org.basinledger.app.idempotency.IdempotencyKeys;
import org.basinledger.app.idempotency.IdempotencyKeys.Answer;
import org.basinledger.app.idempotency.IdempotencyKeys.Key;
import org.basinledger.app.idempotency.IdempotencyProperties;
import org.basinledger.app.security.CallerAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on every POST of the API: the same key (per caller) with the same method, path and body
 * gets the first answer again and applies nothing twice; with another request it is a 422.
 *
 * <p>The key takes effect in the command's own transaction
 * ({@link org.basinledger.app.idempotency.IdempotencyInterceptor}): the row exists exactly when the request's change
 * does. This filter only answers:
 * <ul>
 * <li>before the request: a recorded answer is replayed ({@code Idempotent-Replayed: true}); a key applied but not
 * yet answered is "in progress" (409 with {@code Retry-After}, nobody waits on a thread), or, once older than
 * {@code ledger.idempotency.recovery-after} (its node crashed or lost the request after the commit), answered
 * "applied" with the resource's location ({@link AppliedAnswer});</li>
 * <li>after the request: the answer of the attempt that applied the key is recorded, except that a failure
 * (5xx) after the commit is replaced by the "applied" answer; a refusal that applied nothing is recorded as the
 * key's answer; a 5xx that applied nothing is passed on unrecorded (nothing was changed: a retry applies).</li>
 * </ul>
 * Answers about the key itself (in progress, reused, rate limited, unauthenticated) are never recorded.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final String ATTEMPT = IdempotencyFilter.class.getName() + ".attempt";
    private static final String NOT_RECORDED = IdempotencyFilter.class.getName() + ".notRecorded";
    private static final String RECORDED_INSTEAD = IdempotencyFilter.class.getName() + ".recordedInstead";
    private static final Pattern SANE = Pattern.compile("[\\x21-\\x7e]{1,255}");
    /** Transient answers a retry should not get again. */
    private static final Set<Integer> NEVER_RECORDED = Set.of(401, 408, 429);

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyKeys keys;
    private final ObjectMapper json;
    private final Duration recoveryAfter;
    /** Keys being applied by a request on this node: a duplicate is answered at once, without a database wait. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public IdempotencyFilter(IdempotencyKeys keys, ObjectMapper json, IdempotencyProperties properties,
                             LedgerProperties ledger) {
        if (properties.recoveryAfter().compareTo(ledger.readAfterWriteTimeout()) <= 0) {
            throw new IllegalStateException("ledger.idempotency.recovery-after (" + properties.recoveryAfter()
                    + ") must be longer than ledger.read-after-write-timeout (" + ledger.readAfterWriteTimeout()
                    + "): a key still being answered would be answered twice");
        }
        this.keys = keys;
        this.json = json;
        this.recoveryAfter = properties.recoveryAfter();
    }

    /** The attempt of this request, when it carries an {@code Idempotency-Key}; null otherwise. */
    public static IdempotencyAttempt attemptOf(HttpServletRequest request) {
        return request.getAttribute(ATTEMPT) instanceof IdempotencyAttempt attempt ? attempt : null;
    }

    /** Marks this request's answer as one about the key itself, never to be recorded as the key's answer. */
    public static void doNotRecord(HttpServletRequest request) {
        request.setAttribute(NOT_RECORDED, Boolean.TRUE);
    }

    /**
     * Records {@code body} (JSON) as the key's answer instead of the one this request sends: for an answer that
     * carries a secret shown once (an issued token), so the secret is stored nowhere and a retry is told so.
     */
    public static void recordInstead(HttpServletRequest request, byte[] body) {
        request.setAttribute(RECORDED_INSTEAD, body);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !RequestPaths.isApi(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!SANE.matcher(key).matches()) {
            Problems.write(response, json, Problems.invalid("Idempotency-Key must be 1 to 255 visible ASCII characters",
                    List.of(new FieldError(HEADER, "must be 1 to 255 visible ASCII characters"))));
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (BodySizeLimitFilter.BodyTooLargeException tooLarge) {
            Problems.write(response, json, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                    "Request body too large", tooLarge.getMessage()));
            return;
        }
        Caller caller = CallerAuthentication.current();
        IdempotencyAttempt attempt = new IdempotencyAttempt(caller.actor() + "|" + key, fingerprint(request, body),
                UUID.randomUUID().toString());

        Optional<Key> existing = keys.find(attempt.scope());
        if (existing.isPresent()) {
            answerFromRecord(existing.get(), attempt, response);
            return;
        }
        if (!inFlight.add(attempt.scope())) {
            inProgress(response);
            return;
        }
        try {
            request.setAttribute(ATTEMPT, attempt);
            Map<String, List<String>> before = headers(response);
            ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
            Throwable failure = null;
            try {
                chain.doFilter(new CachedBodyRequest(request, body), recorded);
            } catch (IOException | ServletException | RuntimeException | Error e) {
                failure = e;
            }
            try {
                finish(request, attempt, recorded, before, failure);
            } catch (RuntimeException recording) {
                if (!Commands.applied(request)) {
                    throw recording;
                }
                // the change is committed (and its key with it): the key recovers later, this answer says applied
                log.error("the request applied its change but its answer could not be recorded: answering 202 applied",
                        recording);
                replace(recorded, before, applied(Commands.appliedLocation(request)), false);
            }
        } finally {
            inFlight.remove(attempt.scope());
        }
    }

    private void finish(HttpServletRequest request, IdempotencyAttempt attempt, ContentCachingResponseWrapper recorded,
                        Map<String, List<String>> before, Throwable failure) throws IOException, ServletException {
        HttpServletResponse response = (HttpServletResponse) recorded.getResponse();
        int status = failure != null ? 500 : recorded.getStatus();
        Optional<Key> row = keys.find(attempt.scope());
        if (row.isPresent() && attempt.attempt().equals(row.get().attempt()) && !row.get().done()) {
            // this request applied the key: its answer becomes the key's, and a failure after the commit is "applied"
            Answer answer;
            if (status >= 500) {
                log.error("the request applied its change, then failed (answered {}): answering 202 applied", status,
                        failure);
                answer = applied(row.get().answer().location());
            } else {
                answer = answerOf(request, recorded);
            }
            if (keys.complete(attempt.scope(), attempt.attempt(), answer)) {
                if (status >= 500) {
                    replace(recorded, before, answer, false);
                } else {
                    recorded.copyBodyToResponse();
                }
                return;
            }
            // recovered by a retry meanwhile (this request outlived recovery-after): answer as recorded
            answerFromRecord(keys.find(attempt.scope()).orElseThrow(), attempt, recorded, before);
            return;
        }
        if (row.isPresent()) {
            // another attempt applied the key (a race this one lost: it applied nothing) or answered it
            answerFromRecord(row.get(), attempt, recorded, before);
            return;
        }
        if (status >= 500) {
            // nothing applied: the failure is true, and a retry with the key may apply
            if (failure != null) {
                rethrow(failure);
            }
            recorded.copyBodyToResponse();
            return;
        }
        if (NEVER_RECORDED.contains(status) || request.getAttribute(NOT_RECORDED) != null) {
            recorded.copyBodyToResponse();
            return;
        }
        if (keys.answered(attempt, answerOf(request, recorded))) {
            recorded.copyBodyToResponse();
            return;
        }
        answerFromRecord(keys.find(attempt.scope()).orElseThrow(), attempt, recorded, before);
    }

    private void answerFromRecord(Key key, IdempotencyAttempt attempt, ContentCachingResponseWrapper recorded,
                                  Map<String, List<String>> before) throws IOException {
        recorded.reset();
        restore((HttpServletResponse) recorded.getResponse(), before);
        answerFromRecord(key, attempt, (HttpServletResponse) recorded.getResponse());
    }

    private void answerFromRecord(Key key, IdempotencyAttempt attempt, HttpServletResponse response)
            throws IOException {
        if (!key.fingerprint().equals(attempt.fingerprint())) {
            Problems.write(response, json, Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                    "Idempotency-Key reused", "this Idempotency-Key was used for a different request"));
            return;
        }
        if (key.done()) {
            write(response, key.answer(), true);
            return;
        }
        if (key.createdAt().plus(recoveryAfter).isAfter(keys.now())) {
            inProgress(response);
            return;
        }
        // applied long ago and never answered: its node crashed or lost the request after the commit
        Answer recovered = applied(key.answer().location());
        if (keys.complete(key.scope(), key.attempt(), recovered)) {
            log.warn("Idempotency-Key applied more than {} ago was never answered: recovered as applied",
                    recoveryAfter);
            write(response, recovered, true);
            return;
        }
        Key now = keys.find(key.scope()).orElse(null);
        if (now != null && now.done()) {
            write(response, now.answer(), true);
        } else {
            inProgress(response);
        }
    }

    private void inProgress(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        Problems.write(response, json, Problems.of(HttpStatus.CONFLICT, "idempotency-in-progress", "In progress",
                "a request with this Idempotency-Key is being applied; send it again after Retry-After seconds"));
    }

    private Answer applied(String location) throws IOException {
        return new Answer(HttpStatus.ACCEPTED.value(), MediaType.APPLICATION_JSON_VALUE, location, null,
                json.writeValueAsBytes(AppliedAnswer.body(location)));
    }

    private static Answer answerOf(HttpServletRequest request, ContentCachingResponseWrapper recorded) {
        byte[] body = request.getAttribute(RECORDED_INSTEAD) instanceof byte[] instead
                ? instead : recorded.getContentAsByteArray();
        return new Answer(recorded.getStatus(), recorded.getContentType(), recorded.getHeader(HttpHeaders.LOCATION),
                recorded.getHeader(HttpHeaders.ETAG), body);
    }

    private static void replace(ContentCachingResponseWrapper recorded, Map<String, List<String>> before,
                                Answer answer, boolean replayed) throws IOException {
        recorded.reset();
        HttpServletResponse response = (HttpServletResponse) recorded.getResponse();
        restore(response, before);
        write(response, answer, replayed);
    }

    private static void write(HttpServletResponse response, Answer answer, boolean replayed) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.etag() != null) {
            response.setHeader(HttpHeaders.ETAG, answer.etag());
        }
        if (answer.status() == HttpStatus.ACCEPTED.value()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        if (replayed) {
            response.setHeader(REPLAYED, "true");
        }
        if (answer.body() != null) {
            response.getOutputStream().write(answer.body());
        }
    }

    /** The headers set before the request ran (the request id): kept when its own answer is replaced. */
    private static Map<String, List<String>> headers(HttpServletResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) {
            headers.put(name, new ArrayList<>(response.getHeaders(name)));
        }
        return headers;
    }

    private static void restore(HttpServletResponse response, Map<String, List<String>> headers) {
        headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
    }

    private static void rethrow(Throwable failure) throws IOException, ServletException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof ServletException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        throw (Error) failure;
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body already read, so it can be read again by the controller. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
