package io.cairn.tx.internal.xa;

import io.cairn.tx.TxOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The two-phase commit statements of one database kind. Implementations quote only gids and
 * database ids, which {@link Gid} restricts to letters, digits, '-', '_' and ':'.
 */
interface Branches {
    /** Fails with a clear error and fix when the server cannot prepare branches at all. */
    void requireReady(String db, Connection connection) throws SQLException;

    /** Starts the branch of {@code gid} on {@code db} on a connection. */
    void begin(Connection connection, String gid, String db, TxOptions options) throws SQLException;

    void prepare(Connection connection, String gid, String db) throws SQLException;

    /** Rolls back a branch that was begun but not prepared (the connection is still in it). */
    void rollbackUnprepared(Connection connection, String gid, String db) throws SQLException;

    /** COMMIT PREPARED / XA COMMIT; the connection must not be in a transaction. */
    void commitPrepared(Connection connection, String gid, String db) throws SQLException;

    void rollbackPrepared(Connection connection, String gid, String db) throws SQLException;

    /** The gids of {@code coordinator}'s branches of {@code db} that the server holds prepared. */
    List<PreparedBranch> prepared(Connection connection, String db, String coordinator) throws SQLException;

    /** The server says the branch does not exist (committed, rolled back, or never prepared). */
    boolean isUnknownBranch(SQLException failure);

    /** The server says the branch exists but another session is still finishing it. */
    boolean isBusy(SQLException failure);

    /**
     * The server's id of the session {@code connection} is, when a branch it holds must be left
     * alone until that session is gone (MariaDB: a killed session keeps its XA branch attached for
     * a while, and XA COMMIT from elsewhere then answers "unknown XID" although it is prepared).
     */
    default Optional<Long> sessionId(Connection connection) throws SQLException {
        return Optional.empty();
    }

    /** Whether the session {@code id} still exists on the server. */
    default boolean sessionAlive(Connection connection, long id) throws SQLException {
        return false;
    }

    /** The branch's own name on this server, for messages and reports. */
    String branchName(String gid, String db);
}
