package io.cairn.core.internal.mariadb;

import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.internal.jdbc.JdbcDialect;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * MariaDB and MySQL through MariaDB Connector/J. A server with {@code read_only} set (usually a
 * replica) reports DEGRADED, like a PostgreSQL standby.
 */
public final class MariaDbDialect implements JdbcDialect {
    private static final Driver DRIVER = new org.mariadb.jdbc.Driver();
    private static final int ACCESS_DENIED = 1045;
    private static final int UNKNOWN_DATABASE = 1049;

    @Override
    public Driver driver() {
        return DRIVER;
    }

    @Override
    public String jdbcUrl(DatabaseConfig config) {
        String host = config.url().host().contains(":") ? "[" + config.url().host() + "]" : config.url().host();
        return "jdbc:mariadb://" + host + ":" + config.url().port() + "/" + config.url().database().orElse("");
    }

    @Override
    public Properties properties(DatabaseConfig config, Duration socketTimeout) {
        Properties properties = new Properties();
        config.user().ifPresent(user -> properties.setProperty("user", user));
        properties.setProperty("connect-timeout", String.valueOf(config.connectTimeout().toMillis()));
        properties.setProperty("socketTimeout", String.valueOf(socketTimeout.toMillis()));
        properties.setProperty("tcpKeepAlive", "true");
        properties.putAll(config.url().parameters());
        return properties;
    }

    @Override
    public ServerState serverState(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT VERSION(), @@read_only")) {
            row.next();
            String version = row.getString(1);
            String product = version.toLowerCase(java.util.Locale.ROOT).contains("mariadb") ? "" : "MySQL ";
            return new ServerState(product + version, row.getInt(2) != 0);
        }
    }

    @Override
    public boolean isPasswordFailure(SQLException failure) {
        return failure.getErrorCode() == ACCESS_DENIED;
    }

    @Override
    public boolean isUnknownDatabase(SQLException failure) {
        return failure.getErrorCode() == UNKNOWN_DATABASE;
    }

    @Override
    public String serverMessage(SQLException failure) {
        return String.valueOf(failure.getMessage()).replaceFirst("^\\(conn=\\d+\\)\\s*", "");
    }
}
