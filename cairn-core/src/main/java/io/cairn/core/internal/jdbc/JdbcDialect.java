package io.cairn.core.internal.jdbc;

import io.cairn.core.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** What differs between the SQL databases: driver, URL, properties, server state, error codes. */
public interface JdbcDialect {

    /** The driver instance, used directly so no DriverManager registration is needed (shaded jars). */
    Driver driver();

    String jdbcUrl(DatabaseConfig config);

    /**
     * Driver properties except the password: user, timeouts, URL query parameters.
     *
     * @param socketTimeout bound on each read from the server; zero for none
     */
    Properties properties(DatabaseConfig config, Duration socketTimeout);

    /** Version and whether the server only accepts reads (in recovery, read_only). */
    ServerState serverState(Connection connection) throws SQLException;

    /** The server rejected the password (or wanted one and got none). */
    boolean isPasswordFailure(SQLException failure);

    /** The database named in the URL does not exist on the server. */
    boolean isUnknownDatabase(SQLException failure);

    /** Driver-specific value types turned into plain Java objects. */
    default Object convert(Object value) {
        return value;
    }

    /** The server's own words, without driver decoration such as "(conn=12) ". */
    default String serverMessage(SQLException failure) {
        return String.valueOf(failure.getMessage());
    }

    record ServerState(String version, boolean readOnly) {
    }

    /** Whole seconds, rounded up, for drivers whose timeouts are in seconds (0 stays 0). */
    static int seconds(Duration duration) {
        if (duration.isZero()) {
            return 0;
        }
        return (int) Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
