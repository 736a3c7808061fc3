package io.cairn.tx.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.QueryResult;
import io.cairn.core.SqlDatabase;
import io.cairn.tx.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link Statements} on a connection a transaction holds; values are read by the database's own
 * adapter, so a transaction sees the same types as {@code DataManager.query}. SQL errors go to
 * {@code failures}, which classifies them (the transaction runner decides about retries).
 *
 * <p>{@code queryTimeout}, when present, replaces the database's {@code query-timeout} on each
 * statement; a transaction with a statement timeout passes zero, because it bounds its statements in
 * the session (a JDBC query timeout would override that on MariaDB).
 */
public final class JdbcStatements implements Statements {
    private final String db;
    private final SqlDatabase database;
    private final Connection connection;
    private final Function<SQLException, RuntimeException> failures;
    private final Optional<Duration> queryTimeout;

    public JdbcStatements(String db, SqlDatabase database, Connection connection,
            Function<SQLException, RuntimeException> failures) {
        this(db, database, connection, Optional.empty(), failures);
    }

    public JdbcStatements(String db, SqlDatabase database, Connection connection, Optional<Duration> queryTimeout,
            Function<SQLException, RuntimeException> failures) {
        this.db = db;
        this.queryTimeout = queryTimeout;
        this.database = database;
        this.connection = connection;
        this.failures = failures;
    }

    @Override
    public String db() {
        return db;
    }

    @Override
    public long execute(String sql, Object... params) {
        try {
            return database.execute(connection, queryTimeout, sql, params);
        } catch (SQLException e) {
            throw failures.apply(e);
        }
    }

    @Override
    public QueryResult query(String sql, Object... params) {
        try {
            return database.query(connection, queryTimeout, sql, params);
        } catch (SQLException e) {
            throw failures.apply(e);
        }
    }

    @Override
    public <T> T queryOne(String sql, Class<T> type, Object... params) {
        List<T> rows = queryList(sql, type, params);
        if (rows.size() != 1) {
            throw new CairnException(ErrorCode.PRECONDITION, db + ": expected exactly one row, got " + rows.size()
                    + " from: " + RowMapper.shorten(sql));
        }
        return rows.get(0);
    }

    @Override
    public <T> Optional<T> queryOptional(String sql, Class<T> type, Object... params) {
        List<T> rows = queryList(sql, type, params);
        if (rows.size() > 1) {
            throw new CairnException(ErrorCode.PRECONDITION, db + ": expected at most one row, got " + rows.size()
                    + " from: " + RowMapper.shorten(sql));
        }
        return rows.stream().findFirst();
    }

    @Override
    public <T> List<T> queryList(String sql, Class<T> type, Object... params) {
        return RowMapper.of(type).map(query(sql, params));
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public String toString() {
        return "Statements[" + db + "]";
    }
}
