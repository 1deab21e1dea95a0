package org.basinledger.app.security;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.basinledger.api.common.Caller;
import org.basinledger.app.web.Problems;
import org.basinledger.app.web.RequestPaths;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves {@code Authorization: Bearer <token>} to the {@link Caller}; no header means the public. A header
 * that is not a valid bearer token is a 401 at once. Operations endpoints other than health are the
 * registrar's. A write to the API without a token is a 401 before its body is read (no public write exists
 * yet), so an anonymous caller can make the ledger parse nothing. Paths are matched as the servlet container
 * decoded and normalised them ({@code /%61ctuator/prometheus} and {@code /api/../actuator/prometheus} are the
 * actuator), never on the raw request URI. Which caller may do what on the API is decided by the controllers
 * and the domain. A client that sends too many invalid tokens is throttled ({@link FailedLoginThrottle}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class BearerAuthenticationFilter extends OncePerRequestFilter {

    private static final String ATTRIBUTE = Caller.class.getName();

    private final AccessTokens tokens;
    private final FailedLoginThrottle throttle;
    private final ObjectMapper json;

    public BearerAuthenticationFilter(AccessTokens tokens, FailedLoginThrottle throttle, ObjectMapper json) {
        this.tokens = tokens;
        this.throttle = throttle;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        Caller caller = Caller.PUBLIC;
        if (header != null) {
            String client = request.getRemoteAddr();
            OptionalLong wait = throttle.retryAfterSeconds(client);
            if (wait.isPresent()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.getAsLong()));
                Problems.write(response, json, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                        "Too many requests", "too many refused tokens from this client; retry after "
                                + wait.getAsLong() + " s"));
                return;
            }
            Optional<Caller> known = header.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? tokens.authenticate(header.substring(7).strip())
                    : Optional.empty();
            if (known.isEmpty()) {
                throttle.failed(client);
                unauthorized(response, "invalid_token", "the bearer token is not valid");
                return;
            }
            caller = known.get();
        }
        String path = RequestPaths.normalised(request);
        if (caller.role() == Caller.Role.PUBLIC && isApiWrite(request, path)) {
            unauthorized(response, null, "this operation needs a bearer token");
            return;
        }
        if (isOperations(path) && caller.role() != Caller.Role.REGISTRAR) {
            if (caller.role() == Caller.Role.PUBLIC) {
                unauthorized(response, null, "operations endpoints need the registrar's token");
            } else {
                Problems.write(response, json, Problems.of(HttpStatus.FORBIDDEN, "not-permitted", "Not permitted",
                        "operations endpoints are the registrar's"));
            }
            return;
        }
        request.setAttribute(ATTRIBUTE, caller);
        chain.doFilter(request, response);
    }

    private static boolean isOperations(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        boolean health = lower.equals("/actuator/health") || lower.startsWith("/actuator/health/");
        return lower.startsWith("/actuator") && !health;
    }

    private static boolean isApiWrite(HttpServletRequest request, String path) {
        String method = request.getMethod();
        boolean read = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
        return !read && path.toLowerCase(Locale.ROOT).startsWith("/api/");
    }

    private void unauthorized(HttpServletResponse response, String error, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                error == null ? "Bearer realm=\"basin-ledger\"" : "Bearer realm=\"basin-ledger\", error=\"" + error + "\"");
        Problems.write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail));
    }

    /** The caller the filter resolved for this request (the public when the filter did not run). */
    public static Caller callerOf(HttpServletRequest request) {
        Object caller = request.getAttribute(ATTRIBUTE);
        return caller instanceof Caller c ? c : Caller.PUBLIC;
    }
}
