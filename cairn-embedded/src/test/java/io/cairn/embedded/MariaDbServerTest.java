package io.cairn.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class MariaDbServerTest {

    @Test
    void createsUserAndDatabaseAndKeepsDataAcrossStopAndKill() throws SQLException {
        try (MariaDbServer server = MariaDbServer.builder().build()) {
            server.start();
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                    Statement statement = connection.createStatement()) {
                assertThat(PostgresServerTest.single(statement, "SELECT DATABASE()")).isEqualTo("cairn");
                statement.execute("CREATE TABLE kept(id INT PRIMARY KEY) ENGINE=InnoDB");
                statement.execute("INSERT INTO kept VALUES (7)");
            }
            server.restart();
            server.kill();
            server.start();
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                    Statement statement = connection.createStatement()) {
                assertThat(PostgresServerTest.single(statement, "SELECT SUM(id) FROM kept")).isEqualTo("7");
            }
        }
    }
}
