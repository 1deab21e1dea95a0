package org.basinledger.app.web;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.basinledger.api.common.FieldError;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Read-your-writes on any node: a read ({@code GET} under {@code /api/}) that passes a write's
 * {@value Commands#POSITION_HEADER} waits until this node's read models (shared by every node on the database)
 * include that position, then is answered; within {@code ledger.read-after-write-timeout} or else
 * {@code 503 read-models-behind} with {@code Retry-After: 1}, never with a state older than the write. A value
 * that is no position is {@code 400}.
 */
@Component
public class LedgerPositionFilter extends OncePerRequestFilter {

    private final ReadAfterWrite readAfterWrite;
    private final ObjectMapper json;

    public LedgerPositionFilter(ReadAfterWrite readAfterWrite, ObjectMapper json) {
        this.readAfterWrite = readAfterWrite;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                || request.getHeader(Commands.POSITION_HEADER) == null
                || !request.getRequestURI().substring(request.getContextPath().length()).startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long position;
        try {
            position = Long.parseLong(request.getHeader(Commands.POSITION_HEADER).trim());
        } catch (NumberFormatException e) {
            position = -1;
        }
        if (position < 0) {
            Problems.write(response, json, Problems.invalid(Commands.POSITION_HEADER
                    + " must be the position a write answered with (a whole number, 0 or more)",
                    List.of(new FieldError(Commands.POSITION_HEADER, "is not a position"))));
            return;
        }
        if (!readAfterWrite.awaitPosition(position)) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            Problems.write(response, json, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "read-models-behind",
                    "Read models behind", "the read models have not reached position " + position
                            + " yet; retry in a second"));
            return;
        }
        chain.doFilter(request, response);
    }
}
