package org.basinledger.app.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's data source, which puts the schema of the live read models first on each connection's search
 * path ({@link ReadModelSchemas}). Every connection handed out carries the search path of the moment it was
 * handed out; a swap ({@link #route}) changes it for the connections handed out afterwards, so a reader's
 * transaction never sees half of one schema and half of another. A connection is changed only when the route
 * changed since it was last handed out: in the steady state this costs nothing per checkout.
 */
public class ReadModelDataSource extends DelegatingDataSource {

    /** The statements that set a search path, numbered so each connection knows whether it has them. */
    private record Route(long generation, List<String> statements) {
    }

    private static final long UNKNOWN = -1;

    private volatile Route route;
    /** The route each physical connection last received (weak: the pool decides when a connection goes away). */
    private final Map<Connection, Long> applied = Collections.synchronizedMap(new WeakHashMap<>());

    public ReadModelDataSource(DataSource target) {
        super(target);
    }

    /** From now on, connections handed out run these statements first (once per connection and route). */
    public void route(List<String> searchPath) {
        Route current = route;
        route = new Route(current == null ? 1 : current.generation() + 1, List.copyOf(searchPath));
    }

    /**
     * A connection straight from the pool with the given search path, outside the routing: for a rebuild that
     * writes into a schema no reader sees yet. Its next checkout through this data source routes it again.
     */
    public Connection detachedConnection(List<String> searchPath) throws SQLException {
        Connection connection = getTargetDataSource().getConnection();
        try {
            applied.put(physical(connection), UNKNOWN);
            run(connection, searchPath);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return routed(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return routed(super.getConnection(username, password));
    }

    private Connection routed(Connection connection) throws SQLException {
        Route current = route;
        if (current == null) {
            // before the start-up decided where the read models are (Flyway runs then): the pool's own setting
            return connection;
        }
        Connection physical = physical(connection);
        Long generation = applied.get(physical);
        if (generation == null || generation != current.generation()) {
            try {
                run(connection, current.statements());
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            applied.put(physical, current.generation());
        }
        return connection;
    }

    private static void run(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The driver's connection under the pool's proxy: the pool hands out a new proxy on every checkout. */
    private static Connection physical(Connection connection) throws SQLException {
        return connection.isWrapperFor(Connection.class) ? connection.unwrap(Connection.class) : connection;
    }
}
