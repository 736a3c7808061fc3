package io.cairn.core.internal.jdbc;

import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.jdbc.DedicatedConnections;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens unpooled connections straight from a driver instance. HikariCP pools these; health
 * checks use one directly so a check never waits behind a busy pool.
 */
final class DriverDataSource implements DataSource {
    private final DatabaseConfig config;
    private final Properties properties;
    private volatile int loginTimeoutSeconds;

    DriverDataSource(DatabaseConfig config, Properties properties) {
        this.config = config;
        this.properties = properties;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DedicatedConnections.connect(config, properties);
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
