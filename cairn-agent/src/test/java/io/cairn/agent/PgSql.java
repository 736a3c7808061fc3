package io.cairn.agent;

import io.cairn.backup.postgres.Lsn;
import io.cairn.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** Plain JDBC on a test PostgreSQL, outside the agent: statements and the server's WAL position. */
final class PgSql {
    private PgSql() {
    }

    static void execute(PostgresExtension pg, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static Lsn currentLsn(PostgresExtension pg) throws Exception {
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            result.next();
            return Lsn.parse(result.getString(1));
        }
    }
}
