package org.basinledger.app.config;

import java.util.Locale;

/**
 * {@code ledger.node.role}: what a node of several on one PostgreSQL database does.
 *
 * <ul>
 *   <li>{@code both} (the default): reads and writes, and the event processors (read models, integrity log).</li>
 *   <li>{@code query}: reads (the API's and the portal's) and the event processors; refuses writes with
 *       {@code 421 read-only-node}.</li>
 *   <li>{@code command}: writes only; runs no read-model processor and no integrity-log writer (other nodes keep
 *       them in the shared database), refuses reads with {@code 421 command-only-node}, and still answers a write
 *       once the shared read models include it. Needs {@code ledger.several-nodes: true} on PostgreSQL
 *       ({@link NodeRoleEnvironment}).</li>
 * </ul>
 */
public enum NodeRole {
    BOTH, QUERY, COMMAND;

    public static final String PROPERTY = "ledger.node.role";

    /** The role a setting names (case and surrounding blanks ignored; none is {@code both}). */
    public static NodeRole of(String setting) {
        String value = setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "both" -> BOTH;
            case "query" -> QUERY;
            case "command" -> COMMAND;
            default -> throw new NodeRoleException("ledger.node.role is '" + setting + "': it must be both, query"
                    + " or command.", "Set ledger.node.role to both (the default), query or command.");
        };
    }

    /** Whether the node answers reads ({@code GET}, {@code HEAD}): every role but {@code command}. */
    public boolean servesReads() {
        return this != COMMAND;
    }

    /** Whether the node applies writes: every role but {@code query}. */
    public boolean takesWrites() {
        return this != QUERY;
    }

    /** Whether the node runs the read models' and the integrity log's event processors: every role but command. */
    public boolean runsProcessors() {
        return this != COMMAND;
    }

    /** The setting's value, as written in configuration. */
    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A node role that cannot start: a sentence for the operator and what to do ({@link NodeRoleFailureAnalyzer}). */
    public static final class NodeRoleException extends IllegalStateException {

        private final String action;

        public NodeRoleException(String description, String action) {
            super(description);
            this.action = action;
        }

        public String action() {
            return action;
        }
    }
}
