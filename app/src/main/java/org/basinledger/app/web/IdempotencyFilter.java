package org.basinledger.app.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.basinledger.app.security.BearerAuthenticationFilter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on every POST of the API: the first request with a key (per caller) is applied and
 * its answer kept; the same key with the same method, path and body gets that answer again, without applying
 * anything twice, also while the first is still running (the second waits for it); the same key with another
 * request is a 422. The key is claimed by inserting its row before the request runs, so two racing requests
 * cannot both apply. An answer of 500 or more is not kept: the client may retry with the same key.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern SANE = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public IdempotencyFilter(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!SANE.matcher(key).matches()) {
            Problems.write(response, json, Problems.invalid("Idempotency-Key must be 1 to 255 visible ASCII characters",
                    List.of(new org.basinledger.api.common.FieldError(HEADER, "must be 1 to 255 visible ASCII characters"))));
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
        Caller caller = BearerAuthenticationFilter.callerOf(request);
        String scope = caller.actor() + "|" + key;
        String fingerprint = fingerprint(request, body);

        if (!claim(scope, fingerprint)) {
            answerFromRecord(scope, fingerprint, response);
            return;
        }
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), recorded);
            if (recorded.getStatus() < 500) {
                jdbc.update("update idempotency_key set state = 'DONE', response_status = ?, content_type = ?, "
                                + "location = ?, etag = ?, response_body = ?, completed_at = ? where scope = ?",
                        recorded.getStatus(), recorded.getContentType(), recorded.getHeader(HttpHeaders.LOCATION),
                        recorded.getHeader(HttpHeaders.ETAG), recorded.getContentAsByteArray(),
                        Timestamp.from(Instant.now()), scope);
                kept = true;
            }
        } finally {
            if (!kept) {
                jdbc.update("delete from idempotency_key where scope = ?", scope);
            }
            recorded.copyBodyToResponse();
        }
    }

    private boolean claim(String scope, String fingerprint) {
        try {
            jdbc.update("insert into idempotency_key (scope, fingerprint, state, created_at) values (?, ?, 'PENDING', ?)",
                    scope, fingerprint, Timestamp.from(Instant.now()));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    private record Kept(String fingerprint, String state, Integer status, String contentType, String location,
                        String etag, byte[] body) {
    }

    private void answerFromRecord(String scope, String fingerprint, HttpServletResponse response) throws IOException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            List<Kept> rows = jdbc.query("select fingerprint, state, response_status, content_type, location, etag, "
                            + "response_body from idempotency_key where scope = ?",
                    (rs, i) -> new Kept(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getBytes(7)), scope);
            if (rows.isEmpty()) {
                // the first request failed (5xx) and released the key: this one may try again
                Problems.write(response, json, Problems.of(HttpStatus.CONFLICT, "idempotency-retry",
                        "Retry", "the first request with this Idempotency-Key failed; send it again"));
                return;
            }
            Kept kept = rows.get(0);
            if (!kept.fingerprint().equals(fingerprint)) {
                Problems.write(response, json, Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                        "Idempotency-Key reused", "this Idempotency-Key was used for a different request"));
                return;
            }
            if ("DONE".equals(kept.state())) {
                response.setStatus(kept.status());
                if (kept.contentType() != null) {
                    response.setContentType(kept.contentType());
                }
                if (kept.location() != null) {
                    response.setHeader(HttpHeaders.LOCATION, kept.location());
                }
                if (kept.etag() != null) {
                    response.setHeader(HttpHeaders.ETAG, kept.etag());
                }
                response.setHeader("Idempotent-Replayed", "true");
                if (kept.body() != null) {
                    response.getOutputStream().write(kept.body());
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                Problems.write(response, json, Problems.of(HttpStatus.CONFLICT, "idempotency-in-progress",
                        "In progress", "a request with this Idempotency-Key is still being applied; retry later"));
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the first request with this key", e);
            }
        }
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
