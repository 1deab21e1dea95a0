package org.basinledger.app.live;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.basinledger.query.incident.IncidentUpdates;
import org.basinledger.query.live.LiveUpdate;
import org.basinledger.query.live.LiveUpdateCodec;
import org.basinledger.query.live.LiveUpdateRelay;
import org.basinledger.query.status.AgreementStatusUpdates;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Live updates across nodes on one PostgreSQL database (docs/operations.md, "Several nodes"). The node whose
 * projections processor commits a batch announces what it changed with {@code NOTIFY} on this schema's channel
 * ({@code ledger_updates_<schema>}), inside the batch's transaction: PostgreSQL delivers it only once the batch has
 * committed, in commit order, never for a batch that rolled back. It still emits to its own subscribers itself.
 *
 * <p>Every node keeps one connection of its own (not from the pool) that {@code LISTEN}s on the channel. A
 * notification from another node makes this node re-read the changed views from the shared read models and emit
 * them to its own subscribers, one notification after the other; its own notifications it ignores. When that
 * connection fails the node connects again after a delay that doubles up to {@link #MAX_BACKOFF}; as notifications
 * sent in between are lost, on every (re)connection it emits the current status view of every agreement watched here
 * that changed, and ends its incident streams, whose clients reconnect and start again from the open incidents.
 */
public class PostgresLiveUpdates implements LiveUpdateRelay, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostgresLiveUpdates.class);

    static final String CHANNEL_PREFIX = "ledger_updates";
    /** How long one wait for notifications lasts; also how soon {@link #stop()} is noticed. */
    private static final int POLL_MILLIS = 500;
    /** An idle listening connection is checked this often, so that a connection lost silently is noticed. */
    private static final Duration CHECK_IDLE = Duration.ofSeconds(10);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;
    private final String url;
    private final Properties credentials;
    private final AgreementStatusUpdates statuses;
    private final IncidentUpdates incidents;
    private final IncidentStreamResets incidentStreams;
    private final Duration firstBackoff;
    private final String node;
    private final Counter reconnects;
    private final Counter received;
    private final AtomicLong connections = new AtomicLong();

    private volatile String channel;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile int backendPid;
    private volatile Thread listener;

    public PostgresLiveUpdates(JdbcTemplate jdbc, String url, String username, String password,
                               AgreementStatusUpdates statuses, IncidentUpdates incidents,
                               IncidentStreamResets incidentStreams, String nodeId,
                               Duration firstBackoff, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.url = url;
        this.credentials = new Properties();
        if (username != null) {
            credentials.setProperty("user", username);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("ApplicationName", "basin-ledger live updates");
        this.statuses = statuses;
        this.incidents = incidents;
        this.incidentStreams = incidentStreams;
        this.firstBackoff = firstBackoff;
        this.node = (nodeId == null || nodeId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : nodeId.strip())
                + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.reconnects = Counter.builder("ledger.live-updates.reconnects")
                .description("Times the live-update listener connected again after losing its connection")
                .register(meters);
        this.received = Counter.builder("ledger.live-updates.received")
                .description("Changes other nodes announced to this node (emitted to the streams watching them)").register(meters);
        Gauge.builder("ledger.live-updates.listening", this, u -> u.listening ? 1 : 0)
                .description("1 while the live-update listener is connected").register(meters);
    }

    /** The channel of {@code schema}: one database may hold several ledgers, each in its own schema. */
    static String channelFor(String schema) {
        String name = schema == null ? CHANNEL_PREFIX
                : CHANNEL_PREFIX + "_" + schema.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    @Override
    public void announce(List<LiveUpdate> updates) {
        String to = channel();
        for (String payload : LiveUpdateCodec.encode(node, updates, LiveUpdateCodec.MAX_BYTES)) {
            jdbc.queryForList("select pg_notify(?, ?)", to, payload);
        }
    }

    /**
     * The channel of the schema the configured URL names (the event store's): taken on a connection of its own, as
     * the pool's connections put the read models' schema first, which a rebuild moves.
     */
    private String channel() {
        String name = channel;
        if (name == null) {
            synchronized (this) {
                name = channel;
                if (name == null) {
                    try (Connection connection = connect();
                         Statement statement = connection.createStatement();
                         ResultSet schema = statement.executeQuery("select current_schema()")) {
                        schema.next();
                        name = channelFor(schema.getString(1));
                    } catch (SQLException e) {
                        throw new IllegalStateException("live updates: cannot read the schema of " + url, e);
                    }
                    channel = name;
                }
            }
        }
        return name;
    }

    private Connection connect() throws SQLException {
        Connection connection = new org.postgresql.Driver().connect(url, credentials);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: " + url);
        }
        return connection;
    }

    /** This node's name in the notifications it sends. */
    public String node() {
        return node;
    }

    /** The server process of the listening connection (0 before the first connection): a test ends it. */
    public int backendPid() {
        return backendPid;
    }

    /** How many times the listener has connected (and re-read what its subscribers watch) since start. */
    public long connections() {
        return connections.get();
    }

    @Override
    public void start() {
        channel();
        running = true;
        Thread thread = new Thread(this::listen, "ledger-live-updates");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(POLL_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server takes requests: a stream opened then already gets every later change. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void listen() {
        long backoff = firstBackoff.toMillis();
        while (running) {
            try (Connection connection = connect()) {
                PGConnection postgres = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN \"" + channel() + "\"");
                }
                backendPid = postgres.getBackendPID();
                listening = true;
                if (connections.incrementAndGet() > 1) {
                    reconnects.increment();
                    log.info("live updates: listening on {} again; re-reading what this node's streams watch", channel);
                } else {
                    log.debug("live updates: node {} listening on {}", node, channel);
                }
                // what was announced while this node was not listening is lost: catch the streams up
                resync();
                backoff = firstBackoff.toMillis();
                long checked = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        receive(notifications);
                        checked = System.nanoTime();
                    } else if (System.nanoTime() - checked > CHECK_IDLE.toNanos()) {
                        if (!connection.isValid(5)) {
                            throw new SQLException("the listening connection is no longer valid");
                        }
                        checked = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    break;
                }
                log.warn("live updates: the listening connection to PostgreSQL failed ({}); connecting again in {} ms",
                        e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    break;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
        }
        listening = false;
    }

    /** Emits what other nodes announced, in the order they announced it. */
    void receive(PGNotification[] notifications) {
        Set<String> agreements = new LinkedHashSet<>();
        List<LiveUpdate> incidentChanges = new ArrayList<>();
        boolean resync = false;
        for (PGNotification notification : notifications) {
            LiveUpdateCodec.Message message;
            try {
                message = LiveUpdateCodec.decode(notification.getParameter());
            } catch (IllegalArgumentException e) {
                log.warn("live updates: ignored a notification on {} that is not a live update: {}", channel,
                        e.getMessage());
                continue;
            }
            if (node.equals(message.node())) {
                continue; // this node emitted its own changes itself
            }
            resync |= message.resync();
            for (LiveUpdate update : message.updates()) {
                if (update.isIncident()) {
                    incidentChanges.add(update);
                } else {
                    agreements.add(update.agreementId());
                }
            }
        }
        received.increment(agreements.size() + incidentChanges.size());
        if (!agreements.isEmpty()) {
            statuses.publishFromAnotherNode(agreements);
        }
        if (!incidentChanges.isEmpty()) {
            incidents.publishFromAnotherNode(incidentChanges);
        }
        if (resync) {
            resync();
        }
    }

    private void resync() {
        statuses.resync();
        incidentStreams.reset();
    }
}
