package io.cairn.core.internal.postgres;

import io.cairn.core.internal.jdbc.JdbcDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.util.PGobject;

/** PostgreSQL through pgjdbc. A server in recovery (a standby) reports DEGRADED: it refuses writes. */
public final class PostgresDialect implements JdbcDialect {

    @Override
    public ServerState serverState(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('server_version'), pg_is_in_recovery()")) {
            row.next();
            return new ServerState("PostgreSQL " + row.getString(1), row.getBoolean(2));
        }
    }

    @Override
    public Object convert(Object value) {
        if (value instanceof PGobject) {
            return ((PGobject) value).getValue();
        }
        return value;
    }
}
