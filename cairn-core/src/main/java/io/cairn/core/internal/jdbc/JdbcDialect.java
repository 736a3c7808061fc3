package io.cairn.core.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between the SQL databases once connected: server state and value types. The
 * driver, URL and properties come from {@link io.cairn.core.jdbc.DedicatedConnections} and
 * {@link io.cairn.core.jdbc.DriverProperties}; error codes from {@link io.cairn.core.failure.JdbcFailures}.
 */
public interface JdbcDialect {

    /** Version and whether the server only accepts reads (in recovery, read_only). */
    ServerState serverState(Connection connection) throws SQLException;

    /** Driver-specific value types turned into plain Java objects. */
    default Object convert(Object value) {
        return value;
    }

    record ServerState(String version, boolean readOnly) {
    }
}
