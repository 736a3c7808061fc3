package io.cairn.core.jdbc;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.failure.JdbcFailures;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens JDBC connections outside the DataManager's pool, for work that must own its connection:
 * a base backup holding {@code pg_backup_start} for the whole copy, a replication (walsender)
 * connection, a health probe that must not queue behind a busy pool, a check of a restored
 * server on another port. Every connection gets the same bounded timeouts as the pool's
 * ({@link DriverProperties}), the configured credentials, and the drivers are used directly
 * (no DriverManager registration, which shaded jars can lose).
 */
public final class DedicatedConnections {
    private static final Driver POSTGRES = new org.postgresql.Driver();
    private static final Driver MARIADB = new org.mariadb.jdbc.Driver();

    private DedicatedConnections() {
    }

    /**
     * A new connection to a SQL database, failures classified into a CairnException naming the
     * database and the fix.
     *
     * @param extra driver properties added last (e.g. pgjdbc's {@code PGProperty.REPLICATION});
     *              use the driver's own constants to name them
     */
    public static Connection open(DatabaseConfig config, String applicationName, Properties extra) {
        try {
            return connect(config, applicationName, extra);
        } catch (SQLException e) {
            throw JdbcFailures.of(config).connecting(e).toException(1);
        }
    }

    /** {@link #open(DatabaseConfig, String, Properties)} without extra properties. */
    public static Connection open(DatabaseConfig config, String applicationName) {
        return open(config, applicationName, new Properties());
    }

    /**
     * The same as {@link #open(DatabaseConfig, String, Properties)} but leaves the SQLException to
     * the caller, for callers that classify some failures themselves (then hand the rest to
     * {@link JdbcFailures}) or poll until a server accepts connections. No read timeout once
     * logged in: work on a dedicated connection may legitimately run for hours.
     */
    public static Connection connect(DatabaseConfig config, String applicationName, Properties extra)
            throws SQLException {
        Properties properties = DriverProperties.of(config, Duration.ZERO, applicationName);
        properties.putAll(extra);
        return connect(config, properties);
    }

    /** Connects with exactly these properties; the configured password is added here. */
    public static Connection connect(DatabaseConfig config, Properties properties) throws SQLException {
        Driver driver = driver(config);
        Properties withPassword = new Properties();
        withPassword.putAll(properties);
        config.password().ifPresent(secret -> withPassword.setProperty(DriverProperties.passwordKey(config),
                secret.reveal()));
        String url = jdbcUrl(config);
        Connection connection = driver.connect(url, withPassword);
        if (connection == null) {
            throw new SQLException("the driver " + driver.getClass().getName() + " does not accept " + url, "08001");
        }
        return connection;
    }

    /** The driver for a SQL database type. */
    public static Driver driver(DatabaseConfig config) {
        switch (config.type()) {
            case POSTGRESQL:
                return POSTGRES;
            case MARIADB:
            case MYSQL:
                return MARIADB;
            default:
                throw new CairnException(ErrorCode.USAGE, "database '" + config.id() + "' is a " + config.type()
                        + " database; a JDBC connection needs a SQL database");
        }
    }

    /** The JDBC URL of a SQL database (no credentials: those go in the properties). */
    public static String jdbcUrl(DatabaseConfig config) {
        String host = config.url().host().contains(":") ? "[" + config.url().host() + "]" : config.url().host();
        String scheme = config.type() == DatabaseType.POSTGRESQL ? "postgresql" : "mariadb";
        return "jdbc:" + scheme + "://" + host + ":" + config.url().port() + "/" + config.url().database().orElse("");
    }
}
