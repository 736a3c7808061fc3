package io.cairn.core.internal.postgres;

import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.internal.jdbc.JdbcDialect;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.util.PGobject;

/** PostgreSQL through pgjdbc. A server in recovery (a standby) reports DEGRADED: it refuses writes. */
public final class PostgresDialect implements JdbcDialect {
    private static final Driver DRIVER = new org.postgresql.Driver();

    @Override
    public Driver driver() {
        return DRIVER;
    }

    @Override
    public String jdbcUrl(DatabaseConfig config) {
        String host = config.url().host().contains(":") ? "[" + config.url().host() + "]" : config.url().host();
        return "jdbc:postgresql://" + host + ":" + config.url().port() + "/" + config.url().database().orElse("");
    }

    @Override
    public Properties properties(DatabaseConfig config, Duration socketTimeout) {
        Properties properties = new Properties();
        config.user().ifPresent(user -> properties.setProperty("user", user));
        properties.setProperty("connect-timeout", String.valueOf(JdbcDialect.seconds(config.connectTimeout())));
        properties.setProperty("socketTimeout", String.valueOf(JdbcDialect.seconds(socketTimeout)));
        properties.setProperty("ApplicationName", "cairn");
        properties.setProperty("tcpKeepAlive", "true");
        properties.putAll(config.url().parameters());
        return properties;
    }

    @Override
    public ServerState serverState(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('server_version'), pg_is_in_recovery()")) {
            row.next();
            return new ServerState("PostgreSQL " + row.getString(1), row.getBoolean(2));
        }
    }

    @Override
    public boolean isPasswordFailure(SQLException failure) {
        String state = failure.getSQLState();
        String message = String.valueOf(failure.getMessage());
        // 28P01: wrong password; 08004 with "password": the server wanted one and none was configured
        return "28P01".equals(state) || ("08004".equals(state) && message.contains("password"));
    }

    @Override
    public boolean isUnknownDatabase(SQLException failure) {
        return "3D000".equals(failure.getSQLState());
    }

    @Override
    public Object convert(Object value) {
        if (value instanceof PGobject) {
            return ((PGobject) value).getValue();
        }
        return value;
    }

    @Override
    public String serverMessage(SQLException failure) {
        String message = String.valueOf(failure.getMessage());
        return message.startsWith("FATAL: ") ? message.substring("FATAL: ".length()) : message;
    }
}
