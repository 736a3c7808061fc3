package io.cairn.core.internal.mariadb;

import io.cairn.core.internal.jdbc.JdbcDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * MariaDB and MySQL through MariaDB Connector/J. A server with {@code read_only} set (usually a
 * replica) reports DEGRADED, like a PostgreSQL standby.
 */
public final class MariaDbDialect implements JdbcDialect {

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
}
