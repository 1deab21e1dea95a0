package org.basinledger.app.web;

import java.io.IOException;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.basinledger.app.config.NodeRole;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code ledger.node.role} ({@link NodeRole}) at the door, before a request is authenticated or recorded, so a
 * refused request changes nothing and the client (or the load balancer) sends it to another node. Outside
 * {@code /actuator/} (health and metrics answer on every node):
 * <ul>
 *   <li>{@code both} (the default) takes everything;</li>
 *   <li>{@code query} serves reads only (the API's and the portal's) and refuses every write (any method but
 *       {@code GET}, {@code HEAD}, {@code OPTIONS}) with {@code 421 read-only-node};</li>
 *   <li>{@code command} takes writes only and refuses every read ({@code GET}, {@code HEAD}: the API's reads and
 *       streams, the portal's pages, open data, the API document) with {@code 421 command-only-node}.</li>
 * </ul>
 * A load balancer can therefore route by method alone: {@code GET} and {@code HEAD} to nodes that serve reads,
 * the rest to nodes that take writes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class NodeRoleFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> READS = Set.of("GET", "HEAD");

    private final NodeRole role;
    private final ObjectMapper json;

    public NodeRoleFilter(NodeRole role, ObjectMapper json) {
        this.role = role;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (role == NodeRole.BOTH
                || request.getRequestURI().substring(request.getContextPath().length()).startsWith("/actuator/")) {
            return true;
        }
        return role.takesWrites() ? !READS.contains(request.getMethod()) : SAFE.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (role.takesWrites()) {
            Problems.write(response, json, Problems.of(HttpStatusCode.valueOf(421), "command-only-node",
                    "Command-only node", "this node takes writes only (ledger.node.role: command); send reads"
                            + " (GET, HEAD) to a node that serves them (role query or both)"));
        } else {
            Problems.write(response, json, Problems.of(HttpStatusCode.valueOf(421), "read-only-node",
                    "Read-only node", "this node serves reads only (ledger.node.role: query); send writes to a node"
                            + " that takes them. Nothing was applied"));
        }
    }
}
