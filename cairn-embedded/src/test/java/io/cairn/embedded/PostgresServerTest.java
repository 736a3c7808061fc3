package io.cairn.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresServerTest {
    private static PostgresServer server;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.builder().setting("max_connections", "30").build();
        server.start();
    }

    @AfterAll
    static void closeServer() {
        if (server != null) {
            server.close();
            assertThat(server.directory()).doesNotExist();
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }

    @Test
    void acceptsPasswordLoginsWithChecksumsAndReplicationSettings() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SHOW data_checksums")).isEqualTo("on");
            assertThat(single(statement, "SHOW wal_level")).isEqualTo("replica");
            assertThat(single(statement, "SHOW max_connections")).isEqualTo("30");
            assertThat(single(statement, "SELECT current_database()")).isEqualTo("cairn");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), server.user(), "wrong"))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void keepsCommittedDataAcrossKillAndRestart() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE survivors(id int primary key)");
            statement.execute("INSERT INTO survivors VALUES (1), (2)");
        }
        long oldPid = server.pid().orElseThrow();
        server.kill();
        assertThat(server.isRunning()).isFalse();
        assertThat(ProcessHandle.of(oldPid).filter(ProcessHandle::isAlive)).isEmpty();
        server.start();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SELECT count(*) FROM survivors")).isEqualTo("2");
        }
        int port = server.port();
        server.restart();
        assertThat(server.port()).isEqualTo(port);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SELECT count(*) FROM survivors")).isEqualTo("2");
        }
    }

    @Test
    void runsAsUnprivilegedUserWhenRoot() throws Exception {
        Path data = server.dataDirectory();
        String owner = Files.getOwner(data).getName();
        if ("root".equals(System.getProperty("user.name"))) {
            assertThat(owner).isEqualTo("nobody");
        }
        assertThat(server.logTail(50)).contains("ready to accept connections");
    }

    static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
