package io.cairn.tx.internal.outbox;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.SqlDatabase;
import io.cairn.core.config.DatabaseType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates one database's outbox table once per process, on a connection of its own with
 * auto-commit on: never inside a caller's transaction (MariaDB would commit that transaction on
 * DDL; PostgreSQL would roll the table back with it). Creating is idempotent (IF NOT EXISTS), so
 * several processes may race; a loser's duplicate-object error is answered by checking again.
 */
final class OutboxSchema {
    private static final Pattern MARIADB = Pattern.compile("(\\d+)\\.(\\d+).*-MariaDB.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern MYSQL = Pattern.compile("(\\d+)\\.(\\d+).*");

    private final String db;
    private final SqlDatabase database;
    private final OutboxTable table;
    private volatile boolean ensured;

    OutboxSchema(String db, SqlDatabase database, OutboxTable table) {
        this.db = db;
        this.database = database;
        this.table = table;
    }

    void ensure() {
        if (ensured) {
            return;
        }
        synchronized (this) {
            if (ensured) {
                return;
            }
            database.withConnection(connection -> {
                requireSkipLocked(connection);
                try {
                    create(connection);
                } catch (SQLException e) {
                    // another process created it between our IF NOT EXISTS and CREATE (PostgreSQL catalog race)
                    create(connection);
                }
                return null;
            });
            ensured = true;
        }
    }

    private void create(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            for (String sql : table.create()) {
                statement.execute(sql);
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Claiming rows needs FOR UPDATE SKIP LOCKED: MariaDB 10.6+, MySQL 8.0+ (PostgreSQL has it since 9.5). */
    private void requireSkipLocked(Connection connection) throws SQLException {
        if (table.type() == DatabaseType.POSTGRESQL) {
            return;
        }
        String version;
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT VERSION()")) {
            rows.next();
            version = rows.getString(1);
        }
        Matcher maria = MARIADB.matcher(version);
        Matcher mysql = MYSQL.matcher(version);
        boolean old = maria.matches() ? below(maria, 10, 6) : mysql.matches() && below(mysql, 8, 0);
        if (old) {
            throw new CairnException(ErrorCode.USAGE, "database '" + db + "': the outbox claims messages with "
                    + "FOR UPDATE SKIP LOCKED, which this server (" + version + ") does not have; upgrade to MariaDB 10.6+ "
                    + "or MySQL 8.0+");
        }
    }

    private static boolean below(Matcher version, int major, int minor) {
        int actualMajor = Integer.parseInt(version.group(1));
        int actualMinor = Integer.parseInt(version.group(2));
        return actualMajor < major || (actualMajor == major && actualMinor < minor);
    }
}
