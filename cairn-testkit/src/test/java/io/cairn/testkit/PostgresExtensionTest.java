package io.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresExtensionTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.create();

    static String single(PostgresExtension server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    static void execute(PostgresExtension server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void startsSystemPostgres15WithCairnDefaults() throws SQLException {
        assertThat(pg.isRunning()).isTrue();
        assertThat(single(pg, "SHOW server_version")).startsWith("15.");
        assertThat(single(pg, "SELECT current_user")).isEqualTo("cairn");
        assertThat(pg.cairnUrl()).isEqualTo("postgresql://cairn@127.0.0.1:" + pg.port() + "/cairn");
        assertThat(pg.directory().getParent()).isEqualTo(java.nio.file.Path.of("/tmp"));
        assertThat(pg.directory().getFileName().toString()).startsWith("cairn-test-postgres-");
    }

    @Test
    void keepsDataAcrossStopStartAndKill() throws SQLException {
        execute(pg, "CREATE TABLE kept(id int)");
        execute(pg, "INSERT INTO kept VALUES (42)");
        pg.restart();
        assertThat(single(pg, "SELECT sum(id) FROM kept")).isEqualTo("42");
        pg.kill();
        assertThat(pg.isRunning()).isFalse();
        pg.start();
        assertThat(single(pg, "SELECT sum(id) FROM kept")).isEqualTo("42");
    }
}
