package org.basinledger.app.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.basinledger.app.BasinLedgerApplication;
import org.basinledger.app.config.LedgerSigningKey;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Ledger nodes in this JVM on one PostgreSQL schema, as the two-node tests start them: a random port, the schema,
 * a data directory per node ({@code target/it-data/<prefix><schema>-<node>}), the registrar token, and one ledger
 * signing key: the first node creates it in its data directory and every other node is given that file (a node with
 * a key of its own refuses to start, {@code SigningKeyCheck}).
 */
public final class PostgresNodes {

    private final String schema;
    private final String prefix;
    private final String firstNode;

    /**
     * @param prefix    the start of the nodes' data directories' names
     * @param firstNode the node that creates the signing key; start it before the others
     */
    public PostgresNodes(String schema, String prefix, String firstNode) {
        this.schema = schema;
        this.prefix = prefix;
        this.firstNode = firstNode;
    }

    /** Starts {@code node} with the common arguments and {@code more} ({@code --name=value}). */
    public ConfigurableApplicationContext start(String node, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + PostgresCondition.urlFor(schema),
                "--spring.datasource.username=" + PostgresCondition.USER,
                "--spring.datasource.password=" + PostgresCondition.PASSWORD,
                "--spring.flyway.default-schema=" + schema, "--spring.flyway.create-schemas=true",
                "--ledger.data-dir=" + dataDir(node),
                "--ledger.signing-key-path=" + (node.equals(firstNode) ? ""
                        : dataDir(firstNode).resolve(LedgerSigningKey.FILE_NAME)),
                "--ledger.registrar-token=" + LedgerDriver.REGISTRAR_TOKEN));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(BasinLedgerApplication.class).profiles("postgres")
                .run(args.toArray(String[]::new));
    }

    /** The node's data directory. */
    public Path dataDir(String node) {
        return Path.of("target", "it-data", prefix + schema + "-" + node);
    }

    /** The port a started node listens on. */
    public static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
