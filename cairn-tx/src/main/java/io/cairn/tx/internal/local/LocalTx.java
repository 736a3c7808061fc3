package io.cairn.tx.internal.local;

import io.cairn.core.QueryResult;
import io.cairn.core.SqlDatabase;
import io.cairn.tx.Tx;
import io.cairn.tx.TxAction;
import io.cairn.tx.TxOptions;
import io.cairn.tx.internal.JdbcStatements;
import io.cairn.tx.internal.outbox.Outboxes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of a local transaction as the body sees it: statements on the held connection,
 * savepoints, and hooks. Not thread-safe: it belongs to the thread running the body.
 *
 * <p>It remembers a retryable failure (serialization failure, deadlock) even when the body catches
 * it, because the transaction is doomed either way: PostgreSQL fails the COMMIT and InnoDB has
 * already rolled back on a deadlock. The runner then retries instead of committing.
 */
final class LocalTx implements Tx {
    private final String db;
    private final TxOptions options;
    private final Connection connection;
    private final TxDialect dialect;
    private final TxErrors errors;
    private final Clock clock;
    private final Optional<Instant> deadline;
    private final JdbcStatements statements;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> afterRollback = new ArrayList<>();
    private final Outboxes outboxes;
    /** Wakes this process's dispatchers of the database once the messages are committed. */
    private final Runnable nudge;
    private int savepoints;
    private Optional<TxDialect.Retryable> doomed = Optional.empty();

    LocalTx(String db, SqlDatabase database, Connection connection, TxOptions options, TxDialect dialect,
            TxErrors errors, Clock clock, Optional<Instant> deadline, Optional<Duration> statementTimeout,
            Outboxes outboxes) {
        this.outboxes = outboxes;
        this.db = db;
        this.options = options;
        this.connection = connection;
        this.dialect = dialect;
        this.errors = errors;
        this.clock = clock;
        this.deadline = deadline;
        // a statement timeout is set in the session (dialect.begin/prepareSession): no JDBC timeout may override it
        this.nudge = () -> outboxes.nudge(db);
        this.statements = new JdbcStatements(db, database, connection, statementTimeout.map(d -> Duration.ZERO),
                this::failed);
    }

    private RuntimeException failed(SQLException failure) {
        dialect.retryable(failure, options).ifPresent(reason -> doomed = Optional.of(reason));
        return errors.statement(failure);
    }

    /** The retryable failure this attempt met, if any. */
    Optional<TxDialect.Retryable> doomed() {
        return doomed;
    }

    List<Runnable> afterCommitHooks() {
        return List.copyOf(afterCommit);
    }

    List<Runnable> afterRollbackHooks() {
        return List.copyOf(afterRollback);
    }

    /** The whole-transaction timeout is checked before each statement; the statement timeout bounds the last one. */
    private void checkDeadline() {
        if (deadline.isPresent() && !clock.instant().isBefore(deadline.get())) {
            throw errors.timedOut(options.timeout().orElse(Duration.ZERO), 1);
        }
    }

    @Override
    public String db() {
        return db;
    }

    @Override
    public TxOptions options() {
        return options;
    }

    @Override
    public long execute(String sql, Object... params) {
        checkDeadline();
        return statements.execute(sql, params);
    }

    @Override
    public QueryResult query(String sql, Object... params) {
        checkDeadline();
        return statements.query(sql, params);
    }

    @Override
    public <T> T queryOne(String sql, Class<T> type, Object... params) {
        checkDeadline();
        return statements.queryOne(sql, type, params);
    }

    @Override
    public <T> Optional<T> queryOptional(String sql, Class<T> type, Object... params) {
        checkDeadline();
        return statements.queryOptional(sql, type, params);
    }

    @Override
    public <T> List<T> queryList(String sql, Class<T> type, Object... params) {
        checkDeadline();
        return statements.queryList(sql, type, params);
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public void savepoint(TxAction work) {
        Objects.requireNonNull(work, "work");
        checkDeadline();
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint("cairn_sp_" + (++savepoints));
        } catch (SQLException e) {
            throw failed(e);
        }
        int hooks = afterCommit.size();
        try {
            work.run(this);
        } catch (Exception | Error e) {
            // a doomed transaction has nothing to go back to (InnoDB rolled all of it back on a deadlock)
            if (doomed.isEmpty()) {
                rollbackTo(savepoint, e);
                // what the rolled-back work asked to do after commit no longer applies
                afterCommit.subList(hooks, afterCommit.size()).clear();
            }
            throw rethrown(e);
        }
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private void rollbackTo(Savepoint savepoint, Throwable cause) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private RuntimeException rethrown(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        return errors.bodyFailed((Exception) failure);
    }

    @Override
    public void afterCommit(Runnable hook) {
        afterCommit.add(Objects.requireNonNull(hook, "hook"));
    }

    @Override
    public String outbox(String topic, String key, String payload) {
        Outboxes.Write write = outboxes.write(db, topic, key, payload);
        execute(write.sql(), write.params().toArray());
        if (!afterCommit.contains(nudge)) {
            afterCommit.add(nudge);
        }
        return write.messageId();
    }

    @Override
    public void afterRollback(Runnable hook) {
        afterRollback.add(Objects.requireNonNull(hook, "hook"));
    }

    @Override
    public String toString() {
        return "Tx[" + db + ", " + options + "]";
    }
}
