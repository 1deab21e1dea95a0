package org.basinledger.app.security;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.basinledger.app.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security filter chain's refusals as RFC 9457 problems: 401 with {@code WWW-Authenticate: Bearer} (with
 * {@code error="invalid_token"} for a token the ledger does not know), 403 for a caller whose role may not, and 400
 * for a request the firewall refuses (an encoded or dotted path, a {@code ;} parameter, a double slash).
 */
final class ProblemSecurityAnswers implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    static final String REALM = "Bearer realm=\"basin-ledger\"";

    private static final Logger log = LoggerFactory.getLogger(ProblemSecurityAnswers.class);

    private final RequestMatcher operations;
    private final ObjectMapper json;

    ProblemSecurityAnswers(RequestMatcher operations, ObjectMapper json) {
        this.operations = operations;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        boolean invalidToken = refused instanceof BadCredentialsException;
        String detail = invalidToken ? refused.getMessage()
                : operations.matches(request) ? "operations endpoints need the registrar's token"
                : "this operation needs a bearer token";
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, invalidToken ? REALM + ", error=\"invalid_token\"" : REALM);
        Problems.write(response, json, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Problems.write(response, json, Problems.of(HttpStatus.FORBIDDEN, "not-permitted", "Not permitted",
                operations.matches(request) ? "operations endpoints are the registrar's" : "not permitted"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.info("refused with 400 by the firewall: {}", rejected.getMessage());
        Problems.write(response, json, Problems.of(HttpStatus.BAD_REQUEST, "malformed-request", "Bad Request",
                "the request's path is not in normal form (encoded or dotted segments, ';' parameters, '//')"
                        + " and was refused before it reached the ledger"));
    }
}
