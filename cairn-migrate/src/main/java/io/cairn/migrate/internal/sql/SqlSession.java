package io.cairn.migrate.internal.sql;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.migrate.MigrationContext;
import io.cairn.migrate.internal.Backend;
import io.cairn.migrate.internal.Execution;
import io.cairn.migrate.internal.Failures;
import io.cairn.migrate.internal.HistoryEntry;
import io.cairn.migrate.internal.JavaCall;
import io.cairn.migrate.internal.Step;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection, optionally holding the migration lock.
 *
 * <p>Crash safety, by order of writes. Where a transaction makes a file atomic (PostgreSQL,
 * not marked no-transaction), the statements and the history row commit together: a crash or a
 * failure leaves neither, and the next run applies the file cleanly. Everywhere else (MariaDB
 * commits DDL at once; no-transaction files) the row is written first, in autocommit, marked
 * failed; the statements run; then the row is marked successful. A migrator killed half-way
 * therefore leaves a failed row, and the next migrate refuses to run the file again on top of
 * its partial changes until undo or repair says how to go on.
 */
final class SqlSession implements Backend.Session {
    private static final Logger LOG = LoggerFactory.getLogger(SqlSession.class);

    private final SqlBackend backend;
    private final Connection connection;
    private final SqlHistory history;
    private final Optional<SqlLock> lock;

    SqlSession(SqlBackend backend, Connection connection, SqlHistory history, Optional<SqlLock> lock) {
        this.backend = backend;
        this.connection = connection;
        this.history = history;
        this.lock = lock;
    }

    @Override
    public List<HistoryEntry> history() {
        return sql("read the history table " + history.table(), () -> history.exists(connection)
                ? history.read(connection) : List.of());
    }

    @Override
    public void createHistory() {
        sql("create the history table " + history.table(), () -> {
            if (!history.exists(connection)) {
                history.create(connection);
            }
            return null;
        });
    }

    @Override
    public void run(Execution execution) {
        boolean transaction = execution.transactional();
        boolean atomic = transaction && backend.transactionalDdl();
        long start = System.nanoTime();
        if (!atomic) {
            sql("record the start of " + execution.migration().script() + " in " + history.table() + " (nothing ran)", () -> {
                history.insert(connection, execution.entry().withOutcome(0, false));
                return null;
            });
        }
        Step current = null;
        try {
            connection.setAutoCommit(!transaction);
            for (Step step : execution.steps()) {
                current = step;
                execution.listener().beforeStatement(backend.db(), execution.migration().script(), step.statement());
                execute(step);
            }
            current = null;
            if (atomic) {
                history.insert(connection, execution.entry().withOutcome(elapsedMs(start), true));
            } else {
                history.outcome(connection, execution.entry().withOutcome(elapsedMs(start), true));
            }
            if (transaction) {
                connection.commit();
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw failed(execution, current, e, elapsedMs(start));
        } finally {
            restoreAutoCommit();
        }
    }

    private void execute(Step step) throws Exception {
        if (step.payload() instanceof JavaCall call) {
            call.run(new MigrationContext(backend.db(), backend.type(), backend.dataManager(), Optional.of(connection)));
            return;
        }
        try (Statement statement = connection.createStatement()) {
            // the text goes to the server as written: no JDBC {fn ...} escape rewriting
            statement.setEscapeProcessing(false);
            boolean results = statement.execute((String) step.payload());
            while (results || statement.getUpdateCount() != -1) {
                results = statement.getMoreResults();
            }
        }
    }

    private CairnException failed(Execution execution, Step step, Exception cause, long elapsedMs) {
        boolean transaction = execution.transactional();
        if (transaction) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                LOG.warn("database '{}': rollback after a failed migration failed: {}", backend.db(), e.toString());
            }
        }
        restoreAutoCommit();
        if (step == null) {
            return new CairnException(ErrorCode.DATABASE_ERROR, "database '" + backend.db() + "': "
                    + execution.migration().script() + " ran but recording it in " + history.table() + " failed: "
                    + Failures.reason(cause) + (transaction && backend.transactionalDdl() ? " (rolled back; run cairn migrate again)"
                    : " (its changes stayed: run `cairn migrate repair` after checking the database)"), cause);
        }
        if (transaction && backend.transactionalDdl()) {
            String hint = "25001".equals(sqlState(cause))
                    ? "; this statement cannot run in a transaction: put `-- cairn:no-transaction` on the first line of the file" : "";
            return Failures.statement(backend.db(), execution, step, cause, "rolled back: the database is as it was before "
                    + execution.migration().script() + hint + "; fix the file and run it again");
        }
        recordFailure(execution, elapsedMs);
        String why = transaction ? backend.type() + " commits DDL at once, so statements before line "
                + step.statement().line() + " may have stayed applied"
                : "this file runs without a transaction, so statements before line " + step.statement().line()
                + " stayed applied";
        return Failures.statement(backend.db(), execution, step, cause, why + "; the failure is recorded in "
                + history.table() + ": " + execution.undoHint());
    }

    private void recordFailure(Execution execution, long elapsedMs) {
        try {
            // the failed row was written before the statements ran; keep it, with the time spent
            history.outcome(connection, execution.entry().withOutcome(elapsedMs, false));
        } catch (SQLException e) {
            LOG.warn("database '{}': recording the failure of {} failed: {}", backend.db(), execution.migration().script(),
                    e.toString());
        }
    }

    private static String sqlState(Throwable cause) {
        return cause instanceof SQLException sql ? sql.getSQLState() : null;
    }

    private void restoreAutoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.debug("database '{}': cannot restore autocommit: {}", backend.db(), e.toString());
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void insert(HistoryEntry entry) {
        sql("write to " + history.table(), () -> {
            history.insert(connection, entry);
            return null;
        });
    }

    @Override
    public void delete(HistoryEntry entry) {
        sql("delete from " + history.table(), () -> {
            history.delete(connection, entry);
            return null;
        });
    }

    @Override
    public void update(HistoryEntry entry) {
        sql("update " + history.table(), () -> {
            history.update(connection, entry);
            return null;
        });
    }

    private <T> T sql(String what, SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new CairnException(ErrorCode.DATABASE_ERROR, "database '" + backend.db() + "': cannot " + what + ": "
                    + Failures.reason(e), e);
        }
    }

    @Override
    public void close() {
        try {
            if (lock.isPresent()) {
                lock.get().release(connection);
            }
        } catch (SQLException e) {
            LOG.warn("database '{}': releasing the migration lock failed ({}); closing its connection releases it",
                    backend.db(), e.toString());
        } finally {
            backend.discard(connection);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }
}
