package io.cairn.tx.internal.local;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.tx.Isolation;
import io.cairn.tx.TxOptions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * MariaDB (and MySQL): isolation and read-only go through {@code SET TRANSACTION}, which applies
 * to the next transaction only, so they need no restoring. Time limits and snapshot isolation are
 * session variables: read before, set, and set back afterwards, so the pool gets the session back
 * as it lent it.
 *
 * <p>REPEATABLE READ and SERIALIZABLE turn on {@code innodb_snapshot_isolation} (MariaDB 10.6.18+,
 * 10.11.8+, the default from 11.8) where the server has it: a write to a row changed since the
 * transaction's snapshot then fails with error 1020 (retried) instead of silently losing an update,
 * which makes Cairn's REPEATABLE READ mean on MariaDB what it means on PostgreSQL.
 *
 * <p>A lost COMMIT cannot be resolved: MariaDB exposes no transaction id a new connection could
 * ask about, so the outcome is reported unknown (docs/transactions.md says what to do).
 */
final class MariaDbTxDialect implements TxDialect {
    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int CHECKREAD = 1020;
    private static final int STATEMENT_TIMEOUT = 1969;
    private static final String STATEMENT_TIME = "max_statement_time";
    private static final String LOCK_WAIT = "innodb_lock_wait_timeout";
    private static final String SNAPSHOT = "innodb_snapshot_isolation";
    /** Values read back from the server are put into SET statements: only plain tokens are accepted. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9.]+");

    private final DatabaseConfig config;

    MariaDbTxDialect(DatabaseConfig config) {
        this.config = config;
    }

    @Override
    public SessionRestore prepareSession(Connection connection, TxOptions options, Optional<Duration> statementTimeout)
            throws SQLException {
        Map<String, String> wanted = new LinkedHashMap<>();
        statementTimeout.ifPresent(d -> wanted.put(STATEMENT_TIME,
                BigDecimal.valueOf(d.toNanos(), 9).setScale(6, RoundingMode.UP).toPlainString()));
        // innodb_lock_wait_timeout counts whole seconds (at least 1): round up, never shorten the wait asked for
        options.lockTimeout().ifPresent(d -> wanted.put(LOCK_WAIT,
                Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
        boolean snapshot = options.isolation() != Isolation.READ_COMMITTED;
        if (wanted.isEmpty() && !snapshot) {
            return SessionRestore.NOTHING;
        }
        Map<String, String> current = sessionVariables(connection);
        if (wanted.containsKey(STATEMENT_TIME) && !current.containsKey(STATEMENT_TIME)) {
            throw new CairnException(ErrorCode.USAGE, "database '" + config.id() + "': a statement timeout needs "
                    + "MariaDB's max_statement_time, which this server does not have (MySQL); leave statementTimeout unset");
        }
        if (snapshot && current.containsKey(SNAPSHOT)) {
            wanted.put(SNAPSHOT, "ON");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        Map<String, String> undo = new LinkedHashMap<>();
        wanted.forEach((name, value) -> {
            String before = current.get(name);
            if (before != null && !same(before, value)) {
                changes.put(name, value);
                undo.put(name, before);
            }
        });
        if (changes.isEmpty()) {
            return SessionRestore.NOTHING;
        }
        set(connection, changes);
        return restored -> set(restored, undo);
    }

    @Override
    public void begin(Connection connection, TxOptions options, Optional<Duration> statementTimeout) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // with auto-commit off and no statement run yet, this shapes the transaction the body's first statement opens
            statement.execute("SET TRANSACTION ISOLATION LEVEL " + TxDialect.sql(options.isolation())
                    + (options.isReadOnly() ? ", READ ONLY" : ", READ WRITE"));
        }
    }

    @Override
    public Optional<Retryable> retryable(SQLException failure, TxOptions options) {
        int code = vendorCode(failure);
        if (code == DEADLOCK) {
            return Optional.of(new Retryable("deadlock (error 1213)"));
        }
        if (code == CHECKREAD) {
            return Optional.of(new Retryable("a row changed after this transaction's snapshot read it (error 1020)"));
        }
        if (code == LOCK_WAIT_TIMEOUT && options.retriesLockWaitTimeouts()) {
            return Optional.of(new Retryable("lock wait timeout (error 1205)"));
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> timeout(SQLException failure) {
        int code = vendorCode(failure);
        if (code == STATEMENT_TIMEOUT) {
            return Optional.of("statement timeout");
        }
        if (code == LOCK_WAIT_TIMEOUT) {
            return Optional.of("lock timeout");
        }
        return Optional.empty();
    }

    @Override
    public CommitMarker beforeCommit(Connection connection) {
        return CommitMarker.NONE;
    }

    @Override
    public CommitOutcome resolve(CommitMarker marker) {
        return CommitOutcome.unknown("MariaDB keeps no record of a transaction's outcome that another connection "
                + "could ask for");
    }

    private static Map<String, String> sessionVariables(Connection connection) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT VARIABLE_NAME, VARIABLE_VALUE FROM "
                     + "information_schema.SESSION_VARIABLES WHERE VARIABLE_NAME IN "
                     + "('MAX_STATEMENT_TIME', 'INNODB_LOCK_WAIT_TIMEOUT', 'INNODB_SNAPSHOT_ISOLATION')")) {
            while (rows.next()) {
                String value = rows.getString(2);
                if (value != null && PLAIN_VALUE.matcher(value).matches()) {
                    values.put(rows.getString(1).toLowerCase(Locale.ROOT), value);
                }
            }
        }
        return values;
    }

    private static void set(Connection connection, Map<String, String> values) throws SQLException {
        StringBuilder sql = new StringBuilder("SET SESSION ");
        values.forEach((name, value) -> sql.append(sql.length() > 12 ? ", " : "").append(name).append(" = ")
                .append(value));
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql.toString());
        }
    }

    private static boolean same(String current, String wanted) {
        try {
            return new BigDecimal(current).compareTo(new BigDecimal(wanted)) == 0;
        } catch (NumberFormatException e) {
            return current.equalsIgnoreCase(wanted);
        }
    }

    private static int vendorCode(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() != 0) {
                return sql.getErrorCode();
            }
        }
        return 0;
    }
}
