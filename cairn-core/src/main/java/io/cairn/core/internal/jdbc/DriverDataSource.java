package io.cairn.core.internal.jdbc;

import io.cairn.core.config.Secret;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens unpooled connections straight from a driver instance. HikariCP pools these; health
 * checks use one directly so a check never waits behind a busy pool.
 */
final class DriverDataSource implements DataSource {
    private final Driver driver;
    private final String url;
    private final Properties properties;
    private final Optional<Secret> password;
    private volatile int loginTimeoutSeconds;

    DriverDataSource(Driver driver, String url, Properties properties, Optional<Secret> password) {
        this.driver = driver;
        this.url = url;
        this.properties = properties;
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Properties withPassword = new Properties();
        withPassword.putAll(properties);
        password.ifPresent(secret -> withPassword.setProperty("password", secret.reveal()));
        Connection connection = driver.connect(url, withPassword);
        if (connection == null) {
            throw new SQLException("the driver " + driver.getClass().getName() + " does not accept " + url, "08001");
        }
        return connection;
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
        // HikariCP sets this; the driver's connectTimeout property is what bounds a login
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
        return "DriverDataSource[" + url + "]";
    }
}
