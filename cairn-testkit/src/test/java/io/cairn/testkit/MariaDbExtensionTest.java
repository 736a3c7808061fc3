package io.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbExtensionTest {
    @RegisterExtension
    static final MariaDbExtension db = MariaDbExtension.create();

    private static String single(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void acceptsTheCairnUserAndKeepsDataAcrossRestartAndKill() throws SQLException {
        assertThat(db.cairnUrl()).isEqualTo("mariadb://cairn@127.0.0.1:" + db.port() + "/cairn");
        assertThat(single("SELECT CURRENT_USER()")).startsWith("cairn@");
        execute("CREATE TABLE kept(id INT PRIMARY KEY) ENGINE=InnoDB");
        execute("INSERT INTO kept VALUES (5)");
        db.restart();
        assertThat(single("SELECT SUM(id) FROM kept")).isEqualTo("5");
        db.kill();
        assertThat(db.isRunning()).isFalse();
        db.start();
        assertThat(single("SELECT SUM(id) FROM kept")).isEqualTo("5");
    }
}
