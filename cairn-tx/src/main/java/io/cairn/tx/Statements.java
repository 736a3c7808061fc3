package io.cairn.tx;

import io.cairn.core.QueryResult;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * SQL statements on one database inside a transaction Cairn runs: a local transaction's
 * {@link Tx}, or one participant of a distributed transaction. Nothing is committed here; the
 * transaction commits when its closure returns.
 *
 * <p>Rows map to {@code type} the way {@code queryOne("SELECT id, total FROM orders …", Order.class)}
 * reads: a record by its component names (column {@code created_at} fills {@code createdAt}), or a
 * single column to a plain value type (String, Long, Integer, BigDecimal, Boolean, java.time types).
 */
public interface Statements {
    /** The database id these statements run on. */
    String db();

    /** Runs a statement with bound parameters and returns its update count. */
    long execute(String sql, Object... params);

    /** Runs a statement with bound parameters and reads every row. */
    QueryResult query(String sql, Object... params);

    /** Exactly one row mapped to {@code type}; none or several is an error naming the statement. */
    <T> T queryOne(String sql, Class<T> type, Object... params);

    /** At most one row mapped to {@code type}. */
    <T> Optional<T> queryOptional(String sql, Class<T> type, Object... params);

    /** Every row mapped to {@code type}. */
    <T> List<T> queryList(String sql, Class<T> type, Object... params);

    /**
     * The transaction's JDBC connection, for work the methods above do not cover (batches,
     * streaming). Do not commit, roll back, close it or change its auto-commit or isolation.
     */
    Connection connection();
}
