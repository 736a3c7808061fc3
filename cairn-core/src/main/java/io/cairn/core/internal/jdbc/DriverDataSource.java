package io.cairn.core.internal.jdbc;

import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.jdbc.DedicatedConnections;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens unpooled connections straight from a driver instance. HikariCP pools these; health
 * checks use one directly so a check never waits behind a busy pool.
 *
 * <p>A connection opened by a caller can be handed over to the pool ({@link #handOver}): the
 * next connection HikariCP asks for is that one, not a new login. The adapter opens the first
 * connection of an empty pool this way, on the caller's thread, so a server that refuses,
 * stays silent or rejects the password costs one login and reports the driver's own failure,
 * instead of HikariCP retrying in the background for the whole connection-timeout.
 */
final class DriverDataSource implements DataSource {
    private final DatabaseConfig config;
    private final Properties properties;
    /** At most one connection waiting for the pool to take it; whoever takes it clears it. */
    private final AtomicReference<Connection> handedOver = new AtomicReference<>();
    private volatile int loginTimeoutSeconds;

    DriverDataSource(DatabaseConfig config, Properties properties) {
        this.config = config;
        this.properties = properties;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection handed = handedOver.getAndSet(null);
        return handed != null ? handed : connect();
    }

    /** A new connection from the driver: one login, whatever is waiting to be handed over. */
    Connection connect() throws SQLException {
        return DedicatedConnections.connect(config, properties);
    }

    /** Makes {@code connection} the next one {@link #getConnection()} returns. */
    void handOver(Connection connection) {
        closeQuietly(handedOver.getAndSet(connection));
    }

    /** Closes {@code connection} if it is still waiting to be taken (the pool found another one). */
    void withdraw(Connection connection) {
        if (handedOver.compareAndSet(connection, null)) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // a connection nobody used; nothing to report
        }
    }

    @Override
    public Connection getConnection(String username, String userPassword) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the Cairn configuration");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // drivers log through their own loggers
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // HikariCP sets this; the driver properties (DriverProperties) are what bound a login
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "DriverDataSource[" + DedicatedConnections.jdbcUrl(config) + "]";
    }
}
