package io.cairn.migrate.internal.sql;

import io.cairn.migrate.internal.HistoryEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The history table on PostgreSQL and MariaDB/MySQL: one row per run, timestamps in UTC.
 * Rows are written on the migration's own connection, so on PostgreSQL the row of a
 * transactional migration commits or rolls back together with its statements.
 */
final class SqlHistory {
    private static final String COLUMNS = "installed_rank, version, description, type, script, checksum, installed_by, "
            + "installed_on, execution_time_ms, success";

    private final String table;
    private final SqlDialect dialect;

    SqlHistory(String table, SqlDialect dialect) {
        this.table = table;
        this.dialect = dialect;
    }

    String table() {
        return table;
    }

    boolean exists(Connection connection) throws SQLException {
        String sql = dialect == SqlDialect.POSTGRES ? "SELECT to_regclass(?) IS NOT NULL"
                : "SELECT COUNT(*) > 0 FROM information_schema.tables WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (dialect == SqlDialect.POSTGRES) {
                statement.setString(1, table);
            } else {
                int dot = table.indexOf('.');
                statement.setString(1, dot < 0 ? null : table.substring(0, dot));
                statement.setString(2, dot < 0 ? table : table.substring(dot + 1));
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    void create(Connection connection) throws SQLException {
        String timestamp = dialect == SqlDialect.POSTGRES ? "TIMESTAMP(3)" : "DATETIME(3)";
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                    + "installed_rank INTEGER NOT NULL PRIMARY KEY, version VARCHAR(50), description VARCHAR(200) NOT NULL, "
                    + "type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum INTEGER, "
                    + "installed_by VARCHAR(100) NOT NULL, installed_on " + timestamp + " NOT NULL, "
                    + "execution_time_ms BIGINT NOT NULL, success BOOLEAN NOT NULL)");
        }
    }

    List<HistoryEntry> read(Connection connection) throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + COLUMNS + " FROM " + table + " ORDER BY installed_rank")) {
            while (rows.next()) {
                int checksum = rows.getInt(6);
                Optional<Integer> checksumValue = rows.wasNull() ? Optional.empty() : Optional.of(checksum);
                entries.add(new HistoryEntry(rows.getInt(1), Optional.ofNullable(rows.getString(2)), rows.getString(3),
                        rows.getString(4), rows.getString(5), checksumValue, rows.getString(7),
                        rows.getObject(8, LocalDateTime.class).toInstant(ZoneOffset.UTC), rows.getLong(9),
                        rows.getBoolean(10)));
            }
        }
        return entries;
    }

    void insert(Connection connection, HistoryEntry entry) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table + " (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            statement.setInt(1, entry.rank());
            statement.setString(2, entry.version().orElse(null));
            statement.setString(3, truncate(entry.description(), 200));
            statement.setString(4, entry.type());
            statement.setString(5, truncate(entry.script(), 1000));
            if (entry.checksum().isPresent()) {
                statement.setInt(6, entry.checksum().get());
            } else {
                statement.setNull(6, Types.INTEGER);
            }
            statement.setString(7, truncate(entry.installedBy(), 100));
            statement.setObject(8, LocalDateTime.ofInstant(entry.installedOn(), ZoneOffset.UTC));
            statement.setLong(9, entry.executionTimeMs());
            statement.setBoolean(10, entry.success());
            statement.executeUpdate();
        }
    }

    /** Sets success and execution time of the row with the entry's rank. */
    void outcome(Connection connection, HistoryEntry entry) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + table
                + " SET success = ?, execution_time_ms = ? WHERE installed_rank = ?")) {
            statement.setBoolean(1, entry.success());
            statement.setLong(2, entry.executionTimeMs());
            statement.setInt(3, entry.rank());
            statement.executeUpdate();
        }
    }

    void delete(Connection connection, HistoryEntry entry) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table + " WHERE installed_rank = ?")) {
            statement.setInt(1, entry.rank());
            statement.executeUpdate();
        }
    }

    void update(Connection connection, HistoryEntry entry) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + table
                + " SET checksum = ?, description = ? WHERE installed_rank = ?")) {
            if (entry.checksum().isPresent()) {
                statement.setInt(1, entry.checksum().get());
            } else {
                statement.setNull(1, Types.INTEGER);
            }
            statement.setString(2, truncate(entry.description(), 200));
            statement.setInt(3, entry.rank());
            statement.executeUpdate();
        }
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
