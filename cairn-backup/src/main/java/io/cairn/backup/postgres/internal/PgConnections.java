package io.cairn.backup.postgres.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.failure.FailureMessages;
import io.cairn.core.failure.JdbcFailures;
import io.cairn.core.jdbc.DedicatedConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.PGProperty;

/**
 * Opens the backup's dedicated pgjdbc connections through core's {@link DedicatedConnections}
 * (not from the pool: a base backup holds its connection for the whole copy, and replication
 * connections are a different protocol). What only a backup meets, a user without the
 * REPLICATION attribute or a pg_hba.conf without a replication entry, is explained here; every
 * other failure is classified by core's {@link JdbcFailures}.
 */
public final class PgConnections {

    private PgConnections() {
    }

    /** A normal SQL connection with {@code applicationName}. */
    public static Connection open(DatabaseConfig config, String applicationName) {
        return connect(config, applicationName, new Properties(), "connecting");
    }

    /** A physical replication (walsender) connection in simple query mode. */
    public static Connection openReplication(DatabaseConfig config, String applicationName) {
        Properties replication = new Properties();
        PGProperty.REPLICATION.set(replication, "true");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(replication, "9.4");
        PGProperty.PREFER_QUERY_MODE.set(replication, "simple");
        return connect(config, applicationName, replication, "opening a replication connection");
    }

    private static Connection connect(DatabaseConfig config, String applicationName, Properties extra, String doing) {
        try {
            return DedicatedConnections.connect(withDefaultDatabase(config), applicationName, extra);
        } catch (SQLException e) {
            throw failure(config, doing, e);
        }
    }

    /** A backup connects to "postgres" when url: names no database (pgjdbc would pick the user's name). */
    private static DatabaseConfig withDefaultDatabase(DatabaseConfig config) {
        DatabaseUrl url = config.url();
        return url.database().isPresent() ? config : config.withUrl(new DatabaseUrl(url.scheme(), url.user(), url.host(),
                url.port(), Optional.of("postgres"), url.parameters()));
    }

    /** Maps a failure while {@code doing} (e.g. "streaming WAL") to an error with a fix. */
    static CairnException failure(DatabaseConfig config, String doing, SQLException e) {
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
        JdbcFailures failures = JdbcFailures.of(FailureMessages.of(config).during(doing));
        return (state.startsWith("08") || state.startsWith("28") || state.equals("3D000") || state.startsWith("57P")
                ? failures.connecting(e) : failures.running(e)).toException();
    }
}
