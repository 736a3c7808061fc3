package io.cairn.migrate.internal.sql;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.migrate.internal.Failures;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration lock of a SQL database: a session-level lock held by the migration's own
 * connection — {@code pg_advisory_lock} on PostgreSQL, {@code GET_LOCK} on MariaDB/MySQL. The
 * server releases it when that session ends, so a migrator killed with -9 never leaves it
 * behind: its connection closes, and on PostgreSQL {@code client_connection_check_interval}
 * makes even a backend in the middle of a long statement notice the dead client.
 */
final class SqlLock {
    private static final Logger LOG = LoggerFactory.getLogger(SqlLock.class);
    /** "CAIR" in the high half keeps Cairn's advisory keys apart from an application's small ones. */
    private static final long KEY_PREFIX = 0x43414952L << 32;
    private static final String MARIA_NAME = "CONCAT('cairn-migrate:', LEFT(SHA1(CONCAT(IFNULL(DATABASE(), ''), '.', ?)), 40))";

    private final String db;
    private final String table;
    private final SqlDialect dialect;

    SqlLock(String db, String table, SqlDialect dialect) {
        this.db = db;
        this.table = table;
        this.dialect = dialect;
    }

    long postgresKey() {
        CRC32 crc = new CRC32();
        crc.update(table.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return KEY_PREFIX | crc.getValue();
    }

    void acquire(Connection connection, Duration timeout) throws SQLException {
        if (dialect == SqlDialect.POSTGRES) {
            acquirePostgres(connection, timeout);
        } else {
            acquireMariaDb(connection, timeout);
        }
    }

    private void acquirePostgres(Connection connection, Duration timeout) throws SQLException {
        // notice a killed peer mid-statement (PostgreSQL 14+); older servers ignore the failure
        trySetting(connection, "client_connection_check_interval", "2000");
        if (queryBoolean(connection, "SELECT pg_try_advisory_lock(?)", postgresKey())) {
            return;
        }
        if (timeout.isZero()) {
            throw locked("another migrator holds the lock" + holder(connection));
        }
        LOG.info("database '{}': waiting up to {} for another migrator{}", db, timeout, holder(connection));
        String previous = queryString(connection, "SELECT current_setting('lock_timeout')");
        setSetting(connection, "lock_timeout", Long.toString(timeout.toMillis()));
        try {
            queryBoolean(connection, "SELECT pg_advisory_lock(?) IS NULL", postgresKey());
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                throw locked("waited " + Failures.format(timeout) + " for another migrator" + holder(connection));
            }
            throw e;
        } finally {
            setSetting(connection, "lock_timeout", previous);
        }
    }

    private String holder(Connection connection) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT a.pid, a.client_addr, a.application_name "
                + "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                + "AND l.classid = ? AND l.objid = ? AND l.objsubid = 1")) {
            long key = postgresKey();
            statement.setLong(1, key >>> 32);
            statement.setLong(2, key & 0xffffffffL);
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    return " (server process " + rows.getInt(1) + ", client " + rows.getString(2) + ")";
                }
            }
        } catch (SQLException e) {
            LOG.debug("database '{}': cannot tell who holds the migration lock: {}", db, e.toString());
        }
        return "";
    }

    private void acquireMariaDb(Connection connection, Duration timeout) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(" + MARIA_NAME + ", ?)")) {
            statement.setString(1, table);
            statement.setDouble(2, timeout.toMillis() / 1000.0);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                int result = rows.getInt(1);
                if (rows.wasNull() || result != 1) {
                    throw locked("waited " + Failures.format(timeout) + " for another migrator (GET_LOCK)");
                }
            }
        }
    }

    void release(Connection connection) throws SQLException {
        if (dialect == SqlDialect.POSTGRES) {
            queryBoolean(connection, "SELECT pg_advisory_unlock(?)", postgresKey());
        } else {
            try (PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(" + MARIA_NAME + ")")) {
                statement.setString(1, table);
                statement.executeQuery().close();
            }
        }
    }

    private CairnException locked(String detail) {
        return new CairnException(ErrorCode.LOCKED, "database '" + db + "': " + detail
                + " (wait for it to finish, or raise migrations.lock-timeout)");
    }

    private static boolean queryBoolean(Connection connection, String sql, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void setSetting(Connection connection, String name, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config(?, ?, false)")) {
            statement.setString(1, name);
            statement.setString(2, value);
            statement.executeQuery().close();
        }
    }

    private void trySetting(Connection connection, String name, String value) {
        try {
            setSetting(connection, name, value);
        } catch (SQLException e) {
            LOG.debug("database '{}': {} not supported: {}", db, name, e.getMessage());
        }
    }
}
