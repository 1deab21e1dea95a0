package org.basinledger.app.web;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What every answer carries and every body must declare: {@code X-Content-Type-Options: nosniff} on all answers,
 * {@code Cache-Control: no-store} on the API's (a shared cache must never keep a party's view), and a request
 * body whose {@code Content-Type} is a wildcard ({@code *}{@code /*}) or unparsable is a 415 problem before
 * anything reads it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ResponseHeadersFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    public ResponseHeadersFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (RequestPaths.isApi(request)) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        String contentType = request.getContentType();
        if (contentType != null && !declaresConcreteType(contentType)) {
            Problems.write(response, json, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported media type", "a request body must declare a concrete Content-Type such as "
                            + MediaType.APPLICATION_JSON_VALUE));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean declaresConcreteType(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unparsable) {
            return false;
        }
    }
}
