package io.cairn.core;

import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/** What a SQL database (PostgreSQL, MariaDB, MySQL) offers beyond every database. */
public interface SqlDatabase {
    /** The pool; connections taken from it directly bypass Cairn's retries and metrics. */
    DataSource dataSource();

    /** Runs a statement with bound parameters and reads all rows it returns. */
    QueryResult query(String sql, Object... params);

    /** Runs a statement with bound parameters and returns its update count (0 when it returns rows or counts nothing). */
    long execute(String sql, Object... params);

    /**
     * Runs a statement on a connection the caller holds (a transaction's), reading its rows the way
     * {@link #query(String, Object...)} does; the connection is neither committed nor closed.
     */
    QueryResult query(Connection connection, String sql, Object... params) throws java.sql.SQLException;

    /** Runs a statement on a connection the caller holds and returns its update count; nothing is committed. */
    long execute(Connection connection, String sql, Object... params) throws java.sql.SQLException;

    /**
     * As {@link #query(Connection, String, Object...)}, with this statement's own JDBC query timeout
     * instead of the database's {@code query-timeout} when {@code queryTimeout} is present (rounded up
     * to whole seconds; zero = none, for a caller that bounds its statements in the session itself, such
     * as a transaction's {@code statementTimeout}: MariaDB Connector/J would otherwise send each statement
     * as {@code SET STATEMENT max_statement_time=<query-timeout> FOR …}, overriding the session's value).
     */
    QueryResult query(Connection connection, Optional<Duration> queryTimeout, String sql, Object... params)
            throws java.sql.SQLException;

    /** As {@link #execute(Connection, String, Object...)}, with this statement's own query timeout (see query). */
    long execute(Connection connection, Optional<Duration> queryTimeout, String sql, Object... params)
            throws java.sql.SQLException;

    /** Lends a pooled connection to {@code work} and returns it to the pool afterwards. */
    <T> T withConnection(SqlFunction<Connection, T> work);
}
