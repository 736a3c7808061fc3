package io.cairn.tx.internal.local;

import io.cairn.tx.Isolation;
import io.cairn.tx.TxOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * What differs between PostgreSQL and MariaDB in a local transaction: how it is set up and
 * undone, which failures are worth a retry, and how a lost COMMIT is resolved.
 *
 * <p>Call order on one borrowed connection, auto-commit on: {@link #prepareSession} →
 * auto-commit off → {@link #begin} → body → {@link #beforeCommit} → COMMIT → auto-commit as it
 * came → {@link SessionRestore#restore}.
 */
interface TxDialect {

    /** Undoes session-level changes {@link #prepareSession} made, so the pool gets the connection back as it lent it. */
    @FunctionalInterface
    interface SessionRestore {
        SessionRestore NOTHING = connection -> { };

        void restore(Connection connection) throws SQLException;
    }

    /** Why a failure may be retried: the text names it in logs and in the "gave up" message. */
    record Retryable(String reason) {
    }

    /** Session settings that must be set outside a transaction (MariaDB); runs with auto-commit on. */
    SessionRestore prepareSession(Connection connection, TxOptions options, Optional<Duration> statementTimeout)
            throws SQLException;

    /** First statements of the transaction (auto-commit off): isolation, read-only, transaction-scoped timeouts. */
    void begin(Connection connection, TxOptions options, Optional<Duration> statementTimeout) throws SQLException;

    /** A serialization failure or deadlock (and what else {@code options} opts into); empty when not retryable. */
    Optional<Retryable> retryable(SQLException failure, TxOptions options);

    /** "statement timeout" or "lock timeout" when the failure is one of the transaction's time limits. */
    Optional<String> timeout(SQLException failure);

    /** What identifies the transaction after a lost COMMIT; read just before COMMIT is sent. */
    CommitMarker beforeCommit(Connection connection) throws SQLException;

    /** Asks the server, on a new connection, what became of a transaction whose COMMIT got no answer. */
    CommitOutcome resolve(CommitMarker marker);

    /** The SQL name of a level, the same in both dialects. */
    static String sql(Isolation isolation) {
        return switch (isolation) {
            case READ_COMMITTED -> "READ COMMITTED";
            case REPEATABLE_READ -> "REPEATABLE READ";
            case SERIALIZABLE -> "SERIALIZABLE";
        };
    }

    /** A lost connection: SQLState class 08, or a server going away (57P01-57P03). */
    static boolean connectionLost(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }
}
