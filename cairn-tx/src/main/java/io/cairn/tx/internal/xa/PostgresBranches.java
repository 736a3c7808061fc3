package io.cairn.tx.internal.xa;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.tx.Isolation;
import io.cairn.tx.TxOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL branches: PREPARE TRANSACTION / COMMIT PREPARED / ROLLBACK PREPARED, listed in
 * pg_prepared_xacts. A prepared transaction belongs to the database it ran in, so the listing is
 * limited to {@code current_database()} and COMMIT PREPARED runs on a connection to that database.
 */
final class PostgresBranches implements Branches {
    private static final String UNDEFINED_OBJECT = "42704";
    private static final String NOT_IN_PREREQUISITE_STATE = "55000";

    @Override
    public void requireReady(String db, Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SHOW max_prepared_transactions")) {
            r.next();
            if (Integer.parseInt(r.getString(1)) <= 0) {
                throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "': max_prepared_transactions is 0, "
                        + "so PostgreSQL cannot prepare a two-phase commit branch (set max_prepared_transactions to at "
                        + "least the number of concurrent distributed transactions, e.g. ALTER SYSTEM SET "
                        + "max_prepared_transactions = 100, and restart the server)");
            }
        }
    }

    @Override
    public void begin(Connection connection, String gid, String db, TxOptions options) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(jdbcLevel(options.isolation()));
        if (options.isReadOnly()) {
            try (Statement s = connection.createStatement()) {
                s.execute("SET TRANSACTION READ ONLY");
            }
        }
    }

    @Override
    public void prepare(Connection connection, String gid, String db) throws SQLException {
        run(connection, "PREPARE TRANSACTION '" + branchName(gid, db) + "'");
        // the session is idle now; COMMIT PREPARED must run outside a transaction block
        connection.setAutoCommit(true);
    }

    @Override
    public void rollbackUnprepared(Connection connection, String gid, String db) throws SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
    }

    @Override
    public void commitPrepared(Connection connection, String gid, String db) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        run(connection, "COMMIT PREPARED '" + branchName(gid, db) + "'");
    }

    @Override
    public void rollbackPrepared(Connection connection, String gid, String db) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        run(connection, "ROLLBACK PREPARED '" + branchName(gid, db) + "'");
    }

    @Override
    public List<PreparedBranch> prepared(Connection connection, String db, String coordinator) throws SQLException {
        List<PreparedBranch> branches = new ArrayList<>();
        String suffix = ":" + db;
        try (PreparedStatement s = connection.prepareStatement("SELECT gid, prepared FROM pg_prepared_xacts "
                + "WHERE database = current_database() AND starts_with(gid, ?) ORDER BY prepared")) {
            s.setString(1, Gid.prefix(coordinator));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String name = r.getString(1);
                    if (!name.endsWith(suffix)) {
                        continue;
                    }
                    String gid = name.substring(0, name.length() - suffix.length());
                    if (Gid.belongsTo(gid, coordinator)) {
                        Timestamp prepared = r.getTimestamp(2);
                        branches.add(new PreparedBranch(gid, db, name, Optional.of(prepared.toInstant())));
                    }
                }
            }
        }
        return branches;
    }

    @Override
    public boolean isUnknownBranch(SQLException failure) {
        return UNDEFINED_OBJECT.equals(failure.getSQLState());
    }

    @Override
    public boolean isBusy(SQLException failure) {
        return NOT_IN_PREREQUISITE_STATE.equals(failure.getSQLState());
    }

    @Override
    public String branchName(String gid, String db) {
        return gid + ":" + db;
    }

    static int jdbcLevel(Isolation isolation) {
        return switch (isolation) {
            case READ_COMMITTED -> Connection.TRANSACTION_READ_COMMITTED;
            case REPEATABLE_READ -> Connection.TRANSACTION_REPEATABLE_READ;
            case SERIALIZABLE -> Connection.TRANSACTION_SERIALIZABLE;
        };
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
