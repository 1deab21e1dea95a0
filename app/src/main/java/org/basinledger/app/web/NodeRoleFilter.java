package org.basinledger.app.web;

import java.io.IOException;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code ledger.node.role}: {@code both} (the default) takes reads and writes; {@code query} serves reads only (the
 * API's and the portal's) and refuses every write (any method but {@code GET}, {@code HEAD}, {@code OPTIONS}, outside
 * {@code /actuator/}) with {@code 421 read-only-node}, before it is authenticated or recorded: nothing is applied, and
 * the client (or the load balancer) sends it to a node that takes writes. Other values refuse to start.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class NodeRoleFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final boolean queryOnly;
    private final ObjectMapper json;

    public NodeRoleFilter(@Value("${ledger.node.role:both}") String role, ObjectMapper json) {
        String value = role == null ? "both" : role.strip();
        if (!value.equals("both") && !value.equals("query")) {
            throw new IllegalStateException("ledger.node.role must be 'both' or 'query', not '" + role
                    + "' (command-only nodes are not supported yet)");
        }
        this.queryOnly = value.equals("query");
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !queryOnly || SAFE.contains(request.getMethod())
                || request.getRequestURI().substring(request.getContextPath().length()).startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Problems.write(response, json, Problems.of(HttpStatusCode.valueOf(421), "read-only-node",
                "Read-only node", "this node serves reads only (ledger.node.role: query); send writes to a node"
                        + " that takes them. Nothing was applied"));
    }
}
