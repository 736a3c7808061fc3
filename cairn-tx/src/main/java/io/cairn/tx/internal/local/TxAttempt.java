package io.cairn.tx.internal.local;

import io.cairn.core.SqlDatabase;
import io.cairn.tx.TxOptions;
import io.cairn.tx.TxWork;
import io.cairn.tx.internal.outbox.Outboxes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the body once on a borrowed connection and commits it, or throws {@link AttemptFailure}.
 * Whatever happens, the connection goes back with the auto-commit and session variables it came
 * with (isolation and read-only are transaction-scoped and end with the transaction).
 *
 * <p>A COMMIT that fails because the connection died is never answered with a blind retry: the
 * dialect asks the server what became of the transaction, and only a transaction the server
 * rolled back may run again.
 */
final class TxAttempt<T> {
    private static final Logger LOG = LoggerFactory.getLogger(TxAttempt.class);

    /** A committed attempt: the body's value and the hooks to run now. */
    record Committed<T>(T result, List<Runnable> afterCommit) {
    }

    private final String db;
    private final SqlDatabase database;
    private final TxOptions options;
    private final TxWork<T> work;
    private final TxDialect dialect;
    private final TxErrors errors;
    private final Clock clock;
    private final Optional<Instant> deadline;
    private final Outboxes outboxes;

    TxAttempt(String db, SqlDatabase database, TxOptions options, TxWork<T> work, TxDialect dialect, TxErrors errors,
            Clock clock, Optional<Instant> deadline, Outboxes outboxes) {
        this.outboxes = outboxes;
        this.db = db;
        this.database = database;
        this.options = options;
        this.work = work;
        this.dialect = dialect;
        this.errors = errors;
        this.clock = clock;
        this.deadline = deadline;
    }

    Committed<T> run(Connection connection) throws SQLException {
        Optional<Duration> statementTimeout = statementTimeout();
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            // a pool configured without auto-commit: end whatever the connection holds, start clean
            connection.rollback();
            connection.setAutoCommit(true);
        }
        TxDialect.SessionRestore restore = TxDialect.SessionRestore.NOTHING;
        try {
            restore = dialect.prepareSession(connection, options, statementTimeout);
            connection.setAutoCommit(false);
            dialect.begin(connection, options, statementTimeout);
            return body(connection, statementTimeout);
        } catch (SQLException e) {
            rollbackQuietly(connection);
            throw new AttemptFailure(dialect.retryable(e, options), errors.statement(e), List.of());
        } finally {
            giveBack(connection, autoCommit, restore);
        }
    }

    private Committed<T> body(Connection connection, Optional<Duration> statementTimeout) throws SQLException {
        LocalTx tx = new LocalTx(db, database, connection, options, dialect, errors, clock, deadline,
                statementTimeout, outboxes);
        T result;
        try {
            result = work.apply(tx);
        } catch (Exception | Error e) {
            rollbackQuietly(connection);
            Throwable failure = e instanceof Exception && !(e instanceof RuntimeException) ? errors.bodyFailed((Exception) e) : e;
            throw new AttemptFailure(tx.doomed(), failure, tx.afterRollbackHooks());
        }
        if (tx.doomed().isPresent()) {
            rollbackQuietly(connection);
            throw new AttemptFailure(tx.doomed(), errors.swallowed(tx.doomed().get().reason()), tx.afterRollbackHooks());
        }
        CommitMarker marker = dialect.beforeCommit(connection);
        try {
            connection.commit();
        } catch (SQLException e) {
            return commitFailed(connection, e, marker, tx, result);
        }
        return new Committed<>(result, tx.afterCommitHooks());
    }

    private Committed<T> commitFailed(Connection connection, SQLException failure, CommitMarker marker, LocalTx tx,
            T result) {
        Optional<TxDialect.Retryable> retryable = dialect.retryable(failure, options);
        if (retryable.isPresent() || !TxDialect.connectionLost(failure)) {
            // the server answered: it refused the COMMIT and rolled back (serialization failure, deferred constraint)
            rollbackQuietly(connection);
            throw new AttemptFailure(retryable, errors.statement(failure), tx.afterRollbackHooks());
        }
        CommitOutcome outcome = dialect.resolve(marker);
        LOG.warn("database '{}': the connection was lost during COMMIT; {}", db, outcome.how());
        switch (outcome.state()) {
            case COMMITTED:
                return new Committed<>(result, tx.afterCommitHooks());
            case ABORTED:
                throw new AttemptFailure(Optional.of(new TxDialect.Retryable("connection lost during COMMIT, "
                        + "which the server rolled back")), errors.commitLostAborted(outcome.how(), failure),
                        tx.afterRollbackHooks());
            default:
                // neither hook runs: nobody knows which one would be true
                throw new AttemptFailure(Optional.empty(), errors.commitUnknown(marker, outcome.how(), failure), List.of());
        }
    }

    /** The statement timeout, shortened to what is left of the transaction timeout. */
    private Optional<Duration> statementTimeout() {
        if (deadline.isEmpty()) {
            return options.statementTimeout();
        }
        Duration left = Duration.between(clock.instant(), deadline.get());
        if (left.isNegative() || left.isZero()) {
            throw new AttemptFailure(Optional.empty(), errors.timedOut(options.timeout().orElseThrow(), 1), List.of());
        }
        return Optional.of(options.statementTimeout().filter(d -> d.compareTo(left) < 0).orElse(left));
    }

    private void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("database '{}': rollback failed: {}", db, e.toString());
        }
    }

    /**
     * Puts the connection back as it came. When this fails the connection is broken; the pool's
     * proxy saw the driver's connection error and evicts it instead of lending it again.
     */
    private void giveBack(Connection connection, boolean autoCommit, TxDialect.SessionRestore restore) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            connection.setAutoCommit(autoCommit);
            restore.restore(connection);
        } catch (SQLException e) {
            LOG.debug("database '{}': could not restore the connection's settings ({}); the pool drops it", db, e.toString());
            try {
                // closed under the pool: its next check evicts it rather than lending a session in an unknown state
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // already gone
            }
        }
    }
}
