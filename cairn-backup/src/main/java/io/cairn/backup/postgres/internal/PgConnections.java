package io.cairn.backup.postgres.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.Secret;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.PGProperty;

/**
 * Opens dedicated pgjdbc connections (not from the pool: a base backup holds its connection for
 * the whole copy, and replication connections are a different protocol) and turns connection
 * failures into one-line errors naming the database and the fix.
 */
public final class PgConnections {
    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

    private PgConnections() {
    }

    /** A normal SQL connection with {@code applicationName}. */
    public static Connection open(DatabaseConfig config, String applicationName) {
        return connect(config, properties(config, applicationName), "connect to");
    }

    /** A physical replication (walsender) connection in simple query mode. */
    public static Connection openReplication(DatabaseConfig config, String applicationName) {
        Properties properties = properties(config, applicationName);
        PGProperty.REPLICATION.set(properties, "true");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(properties, "9.4");
        PGProperty.PREFER_QUERY_MODE.set(properties, "simple");
        return connect(config, properties, "open a replication connection to");
    }

    public static String jdbcUrl(DatabaseConfig config) {
        String host = config.url().host().contains(":") ? "[" + config.url().host() + "]" : config.url().host();
        return "jdbc:postgresql://" + host + ":" + config.url().port() + "/" + config.url().database().orElse("postgres");
    }

    private static Properties properties(DatabaseConfig config, String applicationName) {
        Properties properties = new Properties();
        properties.putAll(config.url().parameters());
        config.user().ifPresent(user -> properties.setProperty("user", user));
        config.password().map(Secret::reveal).ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, config.connectTimeout().toSeconds())));
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
    }

    private static Connection connect(DatabaseConfig config, Properties properties, String action) {
        try {
            Connection connection = DRIVER.connect(jdbcUrl(config), properties);
            if (connection == null) {
                throw new CairnException(ErrorCode.CONFIG, "database '" + config.id() + "': pgjdbc rejected the URL");
            }
            return connection;
        } catch (SQLException e) {
            throw failure(config, action, e);
        }
    }

    /** Maps a connection failure to an error with a fix. */
    static CairnException failure(DatabaseConfig config, String action, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = String.valueOf(e.getMessage());
        String where = "database '" + config.id() + "' (" + config.url().host() + ":" + config.url().port() + ")";
        if (state.equals("28000") && message.contains("replication")) {
            return new CairnException(ErrorCode.PERMISSION_DENIED, where + ": pg_hba.conf has no replication entry for user "
                    + config.user().orElse("?") + ": add 'host replication " + config.user().orElse("<user>")
                    + " <cairn-host>/32 scram-sha-256' and reload", e);
        }
        if (state.equals("42501") || message.contains("must be superuser or replication role")
                || message.contains("permission to start WAL sender") || message.contains("REPLICATION attribute")) {
            return new CairnException(ErrorCode.PERMISSION_DENIED, where + ": user " + config.user().orElse("?")
                    + " may not stream WAL: run ALTER ROLE " + config.user().orElse("<user>") + " REPLICATION", e);
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return new CairnException(ErrorCode.AUTHENTICATION_FAILED, where + ": login refused for user "
                    + config.user().orElse("?") + ": check the password and pg_hba.conf", e);
        }
        if (state.startsWith("08")) {
            return new CairnException(ErrorCode.CONNECTION_FAILED, "cannot " + action + " " + where
                    + ": is the server running and reachable?", e);
        }
        return new CairnException(ErrorCode.DATABASE_ERROR, "cannot " + action + " " + where + ": " + message, e);
    }
}
