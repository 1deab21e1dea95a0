package org.basinledger.app.security;

import java.io.IOException;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.basinledger.app.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The authentication step of the security filter chain ({@link SecurityConfig}): {@code Authorization: Bearer
 * <token>} becomes the request's {@link CallerAuthentication}; no header leaves the caller anonymous (the public).
 * A header that is not a valid bearer token is a 401 at once, through the chain's entry point. A client that sent
 * too many invalid tokens is answered 429 with {@code Retry-After} before its token is looked at
 * ({@link FailedLoginThrottle}).
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final AuthenticationManager authentication;
    private final FailedLoginThrottle throttle;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextRepository contexts;
    private final ObjectMapper json;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    BearerTokenFilter(AuthenticationManager authentication, FailedLoginThrottle throttle,
                      AuthenticationEntryPoint entryPoint, SecurityContextRepository contexts, ObjectMapper json) {
        this.authentication = authentication;
        this.throttle = throttle;
        this.entryPoint = entryPoint;
        this.contexts = contexts;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        String client = request.getRemoteAddr();
        OptionalLong wait = throttle.retryAfterSeconds(client);
        if (wait.isPresent()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.getAsLong()));
            Problems.write(response, json, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                    "Too many requests", "too many refused tokens from this client; retry after "
                            + wait.getAsLong() + " s"));
            return;
        }
        Authentication caller;
        try {
            String token = header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                    ? header.substring(PREFIX.length()).strip() : "";
            caller = authentication.authenticate(new BearerTokenAuthenticationProvider.PresentedToken(token));
        } catch (AuthenticationException refused) {
            throttle.failed(client);
            holder.clearContext();
            entryPoint.commence(request, response, refused);
            return;
        }
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(caller);
        holder.setContext(context);
        // kept for the request's later dispatches (a stream's async dispatch, an error page)
        contexts.saveContext(context, request, response);
        chain.doFilter(request, response);
    }
}
