package io.cairn.core.jdbc;

import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.PGProperty;

/**
 * The JDBC driver properties of a configured database, spelt with the drivers' own names:
 * pgjdbc's {@link PGProperty} constants and MariaDB Connector/J's documented option names
 * (it has no constants of its own). A misspelt name is silently ignored by both drivers, which
 * is how a kebab-case rename once left every connect unbounded; {@code DriverPropertiesTest}
 * asks each driver whether it knows every name set here.
 *
 * <p>Bounds: pgjdbc's {@code connectTimeout} covers only the TCP connect; a listener that
 * accepts and never answers is bounded by {@code loginTimeout}, which covers the whole login.
 * MariaDB's {@code connectTimeout} covers the TCP connect and every read of the handshake.
 * The password is never among these properties: it is added at connect time.
 */
public final class DriverProperties {
    /** MariaDB Connector/J option names (https://mariadb.com/kb/en/about-mariadb-connector-j/). */
    public static final String MARIADB_USER = "user";
    public static final String MARIADB_PASSWORD = "password";
    public static final String MARIADB_CONNECT_TIMEOUT = "connectTimeout";
    public static final String MARIADB_SOCKET_TIMEOUT = "socketTimeout";
    public static final String MARIADB_TCP_KEEP_ALIVE = "tcpKeepAlive";

    private DriverProperties() {
    }

    /**
     * User, timeouts, keep-alive, application name and the URL's query parameters (which win).
     *
     * @param socketTimeout bound on each read once logged in; zero for none
     * @param applicationName what the server shows for the session (PostgreSQL only)
     */
    public static Properties of(DatabaseConfig config, Duration socketTimeout, String applicationName) {
        return config.type() == DatabaseType.POSTGRESQL ? postgres(config, socketTimeout, applicationName)
                : mariadb(config, socketTimeout);
    }

    /** The property name under which {@link #of}'s result expects the password. */
    public static String passwordKey(DatabaseConfig config) {
        return config.type() == DatabaseType.POSTGRESQL ? PGProperty.PASSWORD.getName() : MARIADB_PASSWORD;
    }

    private static Properties postgres(DatabaseConfig config, Duration socketTimeout, String applicationName) {
        Properties properties = new Properties();
        config.user().ifPresent(user -> PGProperty.USER.set(properties, user));
        int connectSeconds = seconds(config.connectTimeout());
        PGProperty.CONNECT_TIMEOUT.set(properties, connectSeconds);
        PGProperty.LOGIN_TIMEOUT.set(properties, connectSeconds);
        PGProperty.SOCKET_TIMEOUT.set(properties, seconds(socketTimeout));
        PGProperty.APPLICATION_NAME.set(properties, applicationName);
        PGProperty.TCP_KEEP_ALIVE.set(properties, true);
        properties.putAll(config.url().parameters());
        return properties;
    }

    private static Properties mariadb(DatabaseConfig config, Duration socketTimeout) {
        Properties properties = new Properties();
        config.user().ifPresent(user -> properties.setProperty(MARIADB_USER, user));
        properties.setProperty(MARIADB_CONNECT_TIMEOUT, String.valueOf(config.connectTimeout().toMillis()));
        properties.setProperty(MARIADB_SOCKET_TIMEOUT, String.valueOf(socketTimeout.toMillis()));
        properties.setProperty(MARIADB_TCP_KEEP_ALIVE, "true");
        properties.putAll(config.url().parameters());
        return properties;
    }

    /** Whole seconds, rounded up, for pgjdbc's second-granular timeouts (0 stays 0: no bound). */
    public static int seconds(Duration duration) {
        if (duration.isZero()) {
            return 0;
        }
        return (int) Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
