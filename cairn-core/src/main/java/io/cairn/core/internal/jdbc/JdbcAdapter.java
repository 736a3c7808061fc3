package io.cairn.core.internal.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import io.cairn.core.CairnException;
import io.cairn.core.DatabaseAdapter;
import io.cairn.core.DatabaseHealth;
import io.cairn.core.PoolUsage;
import io.cairn.core.QueryResult;
import io.cairn.core.SqlDatabase;
import io.cairn.core.SqlFunction;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.internal.AdapterContext;
import io.cairn.core.failure.JdbcFailures;
import io.cairn.core.internal.HealthVerdict;
import io.cairn.core.jdbc.DriverProperties;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL, MariaDB and MySQL through JDBC: a HikariCP pool named after the database id that
 * opens even while the server is down (initializationFailTimeout = -1), statements with bound
 * parameters, and a health probe on its own short-lived connection.
 *
 * <p>While the pool holds no connection at all, the caller opens the first one itself and hands
 * it to the pool ({@link DriverDataSource#handOver}): a server that is down or rejects the login
 * is then reported by the driver's own failure after one login, bounded by the connect timeout,
 * never as an exhausted pool, and retried only as the database's {@code retry:} says.
 */
public final class JdbcAdapter implements DatabaseAdapter, SqlDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcAdapter.class);

    private final AdapterContext context;
    private final DatabaseConfig config;
    private final JdbcDialect dialect;
    private final JdbcFailures failures;
    private final DriverDataSource connections;
    private final HikariDataSource pool;
    private final DriverDataSource probe;

    public JdbcAdapter(AdapterContext context, JdbcDialect dialect) {
        this.context = context;
        this.config = context.config();
        this.dialect = dialect;
        this.failures = JdbcFailures.of(context.messages());
        Duration socketTimeout = config.queryTimeout().isZero() ? Duration.ZERO
                : config.queryTimeout().plus(config.connectTimeout());
        this.probe = new DriverDataSource(config, DriverProperties.of(config, config.connectTimeout(), "cairn"));
        this.connections = new DriverDataSource(config, DriverProperties.of(config, socketTimeout, "cairn"));
        this.pool = new HikariDataSource(hikariConfig(connections));
        LOG.info("database '{}': {} pool opened for {} (max {} connections)", config.id(), config.type(),
                config.url(), config.pool().max());
    }

    private HikariConfig hikariConfig(DataSource connections) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(config.id());
        hikari.setDataSource(connections);
        hikari.setMaximumPoolSize(config.pool().max());
        hikari.setMinimumIdle(config.pool().minIdle());
        hikari.setConnectionTimeout(config.pool().connectionTimeout().toMillis());
        hikari.setIdleTimeout(config.pool().idleTimeout().toMillis());
        hikari.setMaxLifetime(config.pool().maxLifetime().toMillis());
        // validation must be shorter than the wait for a connection, and no longer than a connect
        long validation = Math.min(config.connectTimeout().toMillis(), config.pool().connectionTimeout().toMillis() - 1);
        hikari.setValidationTimeout(Math.max(250, validation));
        // open the pool even when the server is down; connections are made on demand
        hikari.setInitializationFailTimeout(-1);
        hikari.setMetricRegistry(context.registry());
        return hikari;
    }

    @Override
    public DatabaseConfig config() {
        return config;
    }

    @Override
    public Optional<SqlDatabase> sql() {
        return Optional.of(this);
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public QueryResult query(String sql, Object... params) {
        return run(connection -> query(connection, sql, params));
    }

    @Override
    public QueryResult query(Connection connection, String sql, Object... params) throws SQLException {
        return query(connection, Optional.empty(), sql, params);
    }

    @Override
    public QueryResult query(Connection connection, Optional<Duration> queryTimeout, String sql, Object... params)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, queryTimeout, sql, params)) {
            if (!statement.execute()) {
                return QueryResult.empty();
            }
            try (ResultSet rows = statement.getResultSet()) {
                return JdbcValues.read(rows, dialect);
            }
        }
    }

    @Override
    public long execute(String sql, Object... params) {
        return run(connection -> execute(connection, sql, params));
    }

    @Override
    public long execute(Connection connection, String sql, Object... params) throws SQLException {
        return execute(connection, Optional.empty(), sql, params);
    }

    @Override
    public long execute(Connection connection, Optional<Duration> queryTimeout, String sql, Object... params)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, queryTimeout, sql, params)) {
            // execute() rather than executeUpdate(): a statement that returns rows is not an error here
            if (statement.execute()) {
                return 0L;
            }
            return Math.max(0L, statement.getLargeUpdateCount());
        }
    }

    @Override
    public <T> T withConnection(SqlFunction<Connection, T> work) {
        return run(work);
    }

    @Override
    public Object command(String command, Object... args) {
        return query(command, args);
    }

    private <T> T run(SqlFunction<Connection, T> work) {
        Connection connection = context.retry().call(this::borrow, failures::connecting);
        try (connection) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw failures.running(e).toException(1);
        }
    }

    /**
     * A pooled connection. While the pool holds none, the caller opens the first one itself and
     * hands it to the pool: one login per attempt, failing as the driver says (refused at once,
     * silent within the connect timeout, a rejected password at once) rather than after HikariCP
     * retried in the background for the whole connection-timeout.
     */
    private Connection borrow() throws SQLException {
        HikariPoolMXBean bean = pool.isClosed() ? null : pool.getHikariPoolMXBean();
        if (!(bean instanceof HikariPool) || bean.getTotalConnections() > 0) {
            return pool.getConnection();
        }
        Connection first = connections.connect();
        connections.handOver(first);
        try {
            return pool.getConnection();
        } finally {
            // the pool may have had another connection by then; ours must not linger unused
            connections.withdraw(first);
        }
    }

    private PreparedStatement prepare(Connection connection, Optional<Duration> queryTimeout, String sql, Object[] params)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            statement.setQueryTimeout(DriverProperties.seconds(queryTimeout.orElse(config.queryTimeout())));
            Object[] values = params == null ? new Object[0] : params;
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    @Override
    public DatabaseHealth health() {
        long start = System.nanoTime();
        try (Connection connection = context.once().call(probe::getConnection, failures::connecting)) {
            long sent = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(DriverProperties.seconds(config.connectTimeout()));
                statement.execute("SELECT 1");
            }
            Duration latency = Duration.ofNanos(System.nanoTime() - sent);
            JdbcDialect.ServerState state = dialect.serverState(connection);
            return HealthVerdict.answered(config, context.clock(), latency, Optional.of(state.version()), poolUsage(),
                    state.readOnly());
        } catch (CairnException e) {
            return down(start, e.getMessage());
        } catch (SQLException e) {
            return down(start, failures.running(e).toException(1).getMessage());
        }
    }

    private DatabaseHealth down(long start, String message) {
        String prefix = context.messages().prefix();
        String error = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        return HealthVerdict.down(config, context.clock(), Duration.ofNanos(System.nanoTime() - start), poolUsage(), error);
    }

    @Override
    public PoolUsage poolUsage() {
        HikariPoolMXBean bean = pool.isClosed() ? null : pool.getHikariPoolMXBean();
        if (bean == null) {
            return PoolUsage.empty(config.pool().max());
        }
        return new PoolUsage(bean.getActiveConnections(), bean.getIdleConnections(),
                bean.getThreadsAwaitingConnection(), config.pool().max());
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(pool) ? Optional.of(type.cast(pool)) : Optional.empty();
    }

    @Override
    public void close() {
        if (!pool.isClosed()) {
            pool.close();
            LOG.info("database '{}': pool closed", config.id());
        }
    }
}
