package org.basinledger.app.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.basinledger.query.support.Projections;
import org.basinledger.query.support.ReadModelTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where the live read models are: the default schema (where Flyway creates and migrates them) until the first
 * rebuild, then one of two schemas of their own, {@code <default>_read_models_a} and {@code _b}, the one a
 * rebuild builds being the other. Connections put the live schema first on their search path and the default
 * schema second (the event store, tokens and integrity log stay there). The choice is the row of
 * {@code read_model_schema}.
 *
 * <p>A migration applied after the swap changes only the default schema's read-model tables; those stayed as they
 * were at the first swap, consistent with the token then recorded. At start, when such a migration exists (or the
 * live schema is gone), the ledger goes back to the default schema and sets the projections' token to that
 * recorded one: the processor catches the migrated tables up from there.
 */
public class ReadModelSchemas {

    private static final Logger log = LoggerFactory.getLogger(ReadModelSchemas.class);

    /** The two databases the ledger runs on: how each sets a search path and copies a table's structure. */
    enum Dialect {
        H2, POSTGRESQL;

        static Dialect of(Connection connection) throws SQLException {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("h2")) {
                return H2;
            }
            if (product.contains("postgres")) {
                return POSTGRESQL;
            }
            throw new IllegalStateException("read models can be rebuilt on H2 and PostgreSQL only, not " + product);
        }
    }

    /** The live schema's row: absent until the first swap. */
    record Live(String schema, int migrationRank, byte[] baseToken, String baseTokenType, long events,
                Instant swappedAt) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ReadModelDataSource dataSource;
    private Dialect dialect;
    private String base;
    private volatile String live;

    public ReadModelSchemas(JdbcTemplate jdbc, TransactionTemplate transactions, ReadModelDataSource dataSource) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.dataSource = dataSource;
    }

    /**
     * Decides where the read models are and routes every connection there; called once at start, after Flyway and
     * before the processors start.
     */
    public void start() {
        jdbc.execute((Connection c) -> {
            dialect = Dialect.of(c);
            base = c.getSchema();
            return null;
        });
        Live row = live();
        if (row == null || row.schema().equals(base)) {
            live = base;
        } else if (!exists(row.schema())) {
            goBackToBase(row, "its schema " + row.schema() + " is gone");
        } else if (migrationRank() > row.migrationRank()) {
            goBackToBase(row, "migrations were applied after it was built");
        } else {
            live = row.schema();
        }
        dataSource.route(searchPath(live, base));
        log.info("read models are in schema {}", live);
    }

    private void goBackToBase(Live row, String why) {
        log.warn("the read models rebuilt into {} are left: {}; the projections catch the tables of schema {} up from"
                + " where they were at that rebuild", row.schema(), why, base);
        transactions.executeWithoutResult(status -> {
            jdbc.update("UPDATE token_entry SET token = ?, token_type = ? WHERE processor_name = ?",
                    row.baseToken(), row.baseTokenType(), Projections.PROCESSING_GROUP);
            // with several segments, each where it was at the first swap
            jdbc.update("UPDATE token_entry SET token = (SELECT b.token FROM read_model_base_segment b"
                    + " WHERE b.segment = token_entry.segment), token_type = (SELECT b.token_type"
                    + " FROM read_model_base_segment b WHERE b.segment = token_entry.segment)"
                    + " WHERE processor_name = ? AND segment IN (SELECT segment FROM read_model_base_segment)",
                    Projections.PROCESSING_GROUP);
            jdbc.update("DELETE FROM read_model_base_segment");
            jdbc.update("DELETE FROM read_model_schema");
        });
        live = base;
    }

    /** The schema the read models are read from now. */
    public String liveSchema() {
        return live;
    }

    /** The default schema: the event store, tokens, integrity log, and the read models until a first rebuild. */
    public String baseSchema() {
        return base;
    }

    /** The schema a rebuild builds into: of the two, the one not live. */
    public String rebuildSchema() {
        String a = base + (dialect == Dialect.H2 ? "_READ_MODELS_A" : "_read_models_a");
        String b = base + (dialect == Dialect.H2 ? "_READ_MODELS_B" : "_read_models_b");
        return a.equals(live) ? b : a;
    }

    /** The live row, or null while the read models are in the default schema. */
    Live live() {
        List<Live> rows = jdbc.query("SELECT live_schema, migration_rank, base_token, base_token_type, events,"
                        + " swapped_at FROM read_model_schema WHERE id = 1",
                (rs, i) -> new Live(rs.getString("live_schema"), rs.getInt("migration_rank"),
                        rs.getBytes("base_token"), rs.getString("base_token_type"), rs.getLong("events"),
                        rs.getObject("swapped_at", OffsetDateTime.class).toInstant()));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Makes {@code schema} the live one, in the caller's transaction; the current token of the projections is
     * recorded as the default schema's when the read models leave it. Connections follow once {@link #routeLive}
     * is called after the commit.
     */
    void recordSwap(String schema, long events) {
        Live previous = live();
        byte[] baseToken;
        String baseTokenType;
        if (previous == null) {
            Map<String, Object> token = jdbc.queryForList("SELECT token, token_type FROM token_entry"
                            + " WHERE processor_name = ? AND segment = 0", Projections.PROCESSING_GROUP)
                    .stream().findFirst().orElse(Map.of());
            baseToken = (byte[]) token.get("token");
            baseTokenType = (String) token.get("token_type");
            jdbc.update("DELETE FROM read_model_base_segment");
            // with several segments the others' tokens too: each segment's old tables are where its token was
            jdbc.update("INSERT INTO read_model_base_segment (segment, token, token_type) SELECT segment, token,"
                    + " token_type FROM token_entry WHERE processor_name = ? AND segment <> 0",
                    Projections.PROCESSING_GROUP);
        } else {
            baseToken = previous.baseToken();
            baseTokenType = previous.baseTokenType();
        }
        jdbc.update("DELETE FROM read_model_schema");
        jdbc.update("INSERT INTO read_model_schema (id, live_schema, migration_rank, base_token, base_token_type,"
                        + " events, swapped_at) VALUES (1, ?, ?, ?, ?, ?, ?)", schema, migrationRank(), baseToken,
                baseTokenType, events, Instant.now().atOffset(ZoneOffset.UTC));
    }

    /** Routes connections handed out from now on to {@code schema}, after its swap committed. */
    void routeLive(String schema) {
        live = schema;
        dataSource.route(searchPath(schema, base));
    }

    /** The search path of a connection that sees {@code first}, then {@code rest}. */
    List<String> searchPath(String first, String... rest) {
        List<String> schemas = new ArrayList<>();
        schemas.add(first);
        schemas.addAll(List.of(rest));
        String list = schemas.stream().distinct().map(ReadModelSchemas::quote).collect(Collectors.joining(", "));
        return dialect == Dialect.H2
                ? List.of("SET SCHEMA " + quote(first), "SET SCHEMA_SEARCH_PATH " + list)
                : List.of("SET search_path TO " + list);
    }

    /**
     * A rebuild schema whose tables exist with the keys its fresh projections find rows by, and the statements that
     * complete it as the default schema has it ({@link #completeIndexes}): secondary indexes, unique constraints, and
     * the keys of {@link ReadModelTables#INSERT_ONLY_WHILE_REBUILDING}. H2 and PostgreSQL build an index over filled
     * rows far cheaper than they keep it up row by row (on H2 every entry of every index is written and then marked
     * committed, per row).
     */
    record Prepared(String schema, List<String> deferred) {
    }

    /**
     * Drops {@code schema} (a rebuild's, never the live one nor the default) and creates it again with every
     * read-model table as the default schema has it (columns, defaults, checks, no rows), with the primary keys the
     * projections look rows up by; the rest of the keys and indexes come with {@link #completeIndexes}, once the bulk
     * of the events is in.
     */
    Prepared createEmpty(String schema) {
        if (schema.equals(live) || schema.equals(base)) {
            throw new IllegalStateException("refusing to rebuild into the live schema " + schema);
        }
        jdbc.execute("DROP SCHEMA IF EXISTS " + quote(schema) + " CASCADE");
        jdbc.execute("CREATE SCHEMA " + quote(schema));
        List<String> now = new ArrayList<>();
        List<String> deferred = new ArrayList<>();
        if (dialect == Dialect.H2) {
            h2Structure(schema, now, deferred);
        } else {
            postgresStructure(schema, now, deferred);
        }
        for (String statement : now) {
            jdbc.execute(statement);
        }
        // anything else there (a sequence, another table) would hide the default schema's from the live connections
        List<String> tables = jdbc.queryForList("SELECT LOWER(table_name) FROM information_schema.tables"
                + " WHERE table_schema = ? ORDER BY 1", String.class, schema);
        Integer sequences = jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.sequences"
                + " WHERE sequence_schema = ?", Integer.class, schema);
        if (!tables.equals(ReadModelTables.NAMES.stream().sorted().toList()) || sequences != 0) {
            throw new IllegalStateException("schema " + schema + " holds " + tables + " and " + sequences
                    + " sequences, not exactly the read-model tables " + ReadModelTables.NAMES);
        }
        return new Prepared(schema, List.copyOf(deferred));
    }

    /**
     * Creates the keys and indexes {@link #createEmpty} left out, over the rows the rebuild wrote (a unique one the rows
     * break fails the rebuild); afterwards the schema has every index and constraint the default schema has.
     */
    void completeIndexes(Prepared prepared) {
        for (String statement : prepared.deferred()) {
            long started = System.nanoTime();
            jdbc.execute(statement);
            if (log.isDebugEnabled()) {
                log.debug("{} ms: {}", (System.nanoTime() - started) / 1_000_000, statement);
            }
        }
    }

    /** Whether a table's primary key waits for {@link #completeIndexes} (names compared in any case). */
    private static boolean keyDeferred(String table) {
        return ReadModelTables.INSERT_ONLY_WHILE_REBUILDING.contains(table.toLowerCase(Locale.ROOT));
    }

    private static final Pattern H2_ALTER_TABLE = Pattern.compile("^ALTER TABLE \"(?:[^\"]|\"\")+\"\\.\"([^\"]+)\" ");

    /**
     * H2 scripts the tables of the default schema; the script names them by schema, which is replaced. It also
     * scripts every sequence of the database: only the tables, their constraints and indexes are kept. The tables and
     * their primary keys come at once (but those of tables written only), the indexes and other constraints after the
     * bulk, in the script's order.
     */
    private void h2Structure(String schema, List<String> now, List<String> deferred) {
        String tables = ReadModelTables.NAMES.stream()
                .map(t -> quote(base) + "." + quote(t.toUpperCase(Locale.ROOT)))
                .collect(Collectors.joining(", "));
        List<String> script = jdbc.queryForList("SCRIPT NODATA NOPASSWORDS NOSETTINGS TABLE " + tables, String.class);
        String from = quote(base) + ".";
        String to = quote(schema) + ".";
        for (String s : script) {
            String statement = s.replace(from, to);
            if (s.startsWith("CREATE CACHED TABLE ") || s.startsWith("CREATE MEMORY TABLE ")) {
                now.add(statement);
            } else if (s.startsWith("ALTER TABLE ")) {
                Matcher table = H2_ALTER_TABLE.matcher(statement);
                if (!table.find()) {
                    throw new IllegalStateException("cannot tell the table of " + statement);
                }
                boolean primaryKey = statement.contains(" PRIMARY KEY(") || statement.contains(" PRIMARY KEY (");
                (primaryKey && !keyDeferred(table.group(1)) ? now : deferred).add(statement);
            } else if (s.startsWith("CREATE INDEX ") || s.startsWith("CREATE UNIQUE ") && s.contains(" INDEX ")) {
                // H2 2.x scripts a unique index as CREATE UNIQUE NULLS DISTINCT INDEX
                deferred.add(statement);
            }
        }
    }

    /**
     * PostgreSQL copies columns, defaults and checks; primary keys are added at once (but those of tables written
     * only), unique constraints and indexes after the bulk, under their own names.
     */
    private void postgresStructure(String schema, List<String> now, List<String> deferred) {
        for (String table : ReadModelTables.NAMES) {
            String source = quote(base) + "." + quote(table);
            String target = quote(schema) + "." + quote(table);
            now.add("CREATE TABLE " + target + " (LIKE " + source
                    + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING IDENTITY)");
            List<Map<String, Object>> constraints = jdbc.queryForList("SELECT conname, contype::text AS contype,"
                    + " pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
                    + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                    + " WHERE n.nspname = ? AND t.relname = ? AND c.contype IN ('p', 'u') ORDER BY conname", base, table);
            for (Map<String, Object> constraint : constraints) {
                boolean primaryKey = "p".equals(constraint.get("contype"));
                (primaryKey && !keyDeferred(table) ? now : deferred).add("ALTER TABLE " + target
                        + " ADD CONSTRAINT " + quote((String) constraint.get("conname")) + " " + constraint.get("def"));
            }
            Set<Object> constraintNames = constraints.stream().map(c -> c.get("conname")).collect(Collectors.toSet());
            List<Map<String, Object>> indexes = jdbc.queryForList("SELECT indexname, indexdef,"
                    + " format('%I.%I', schemaname, tablename) AS qualified FROM pg_indexes"
                    + " WHERE schemaname = ? AND tablename = ? ORDER BY indexname", base, table);
            for (Map<String, Object> index : indexes) {
                if (!constraintNames.contains(index.get("indexname"))) {
                    deferred.add(((String) index.get("indexdef"))
                            .replace(" ON " + index.get("qualified") + " ", " ON " + target + " "));
                }
            }
        }
    }

    private boolean exists(String schema) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?",
                Integer.class, schema);
        return count != null && count > 0;
    }

    private int migrationRank() {
        // Flyway names its table and columns in quoted lower case on both databases
        Integer rank = jdbc.queryForObject("SELECT MAX(\"installed_rank\") FROM \"flyway_schema_history\"",
                Integer.class);
        return rank == null ? 0 : rank;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
