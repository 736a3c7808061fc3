package io.cairn.tx.internal.xa;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.tx.TxOptions;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * MariaDB/MySQL branches: XA START/END/PREPARE/COMMIT/ROLLBACK with xid
 * {@code 'gid','db',FORMAT_ID}. XA RECOVER lists every client's prepared branches on the whole
 * server, so only those with Cairn's format id, this coordinator's gid and this database id as
 * bqual are ours. Prepared XA branches survive a disconnect and a restart only from MariaDB 10.5
 * on, which {@link #requireReady} checks.
 */
final class MariaDbBranches implements Branches {
    private static final int XAER_NOTA = 1397;
    private static final int XAER_RMFAIL = 1399;
    private static final int XAER_DUPID = 1440;

    @Override
    public void requireReady(String db, Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT VERSION()")) {
            r.next();
            String version = r.getString(1);
            if (version.contains("MariaDB") && olderThan(version, 10, 5)) {
                throw new CairnException(ErrorCode.MISSING_DEPENDENCY, "database '" + db + "': MariaDB " + version
                        + " loses prepared XA branches on disconnect, so two-phase commit is not safe (upgrade to 10.5 or later)");
            }
        }
    }

    @Override
    public void begin(Connection connection, String gid, String db, TxOptions options) throws SQLException {
        String level = options.isolation().name().replace('_', ' ');
        run(connection, "SET TRANSACTION ISOLATION LEVEL " + level + (options.isReadOnly() ? ", READ ONLY" : ""));
        run(connection, "XA START " + xid(gid, db));
    }

    @Override
    public void prepare(Connection connection, String gid, String db) throws SQLException {
        run(connection, "XA END " + xid(gid, db));
        run(connection, "XA PREPARE " + xid(gid, db));
    }

    @Override
    public void rollbackUnprepared(Connection connection, String gid, String db) throws SQLException {
        try {
            run(connection, "XA END " + xid(gid, db));
        } catch (SQLException alreadyEnded) {
            // XA END fails when the branch is already idle; the rollback below decides
        }
        run(connection, "XA ROLLBACK " + xid(gid, db));
    }

    @Override
    public void commitPrepared(Connection connection, String gid, String db) throws SQLException {
        run(connection, "XA COMMIT " + xid(gid, db));
    }

    @Override
    public void rollbackPrepared(Connection connection, String gid, String db) throws SQLException {
        run(connection, "XA ROLLBACK " + xid(gid, db));
    }

    @Override
    public List<PreparedBranch> prepared(Connection connection, String db, String coordinator) throws SQLException {
        List<PreparedBranch> branches = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("XA RECOVER")) {
            while (r.next()) {
                if (r.getInt("formatID") != Gid.FORMAT_ID) {
                    continue;
                }
                int gtridLength = r.getInt("gtrid_length");
                byte[] data = r.getBytes("data");
                if (data == null || data.length < gtridLength) {
                    continue;
                }
                String gid = new String(Arrays.copyOfRange(data, 0, gtridLength), StandardCharsets.UTF_8);
                String bqual = new String(Arrays.copyOfRange(data, gtridLength, data.length), StandardCharsets.UTF_8);
                if (bqual.equals(db) && Gid.belongsTo(gid, coordinator)) {
                    branches.add(new PreparedBranch(gid, db, branchName(gid, db), Gid.startedAt(gid)));
                }
            }
        }
        return branches;
    }

    @Override
    public Optional<Long> sessionId(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT CONNECTION_ID()")) {
            r.next();
            return Optional.of(r.getLong(1));
        }
    }

    @Override
    public boolean sessionAlive(Connection connection, long id) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(
                "SELECT COUNT(*) FROM information_schema.processlist WHERE id = " + id)) {
            r.next();
            return r.getLong(1) > 0;
        }
    }

    @Override
    public boolean isUnknownBranch(SQLException failure) {
        return failure.getErrorCode() == XAER_NOTA;
    }

    @Override
    public boolean isBusy(SQLException failure) {
        return failure.getErrorCode() == XAER_RMFAIL || failure.getErrorCode() == XAER_DUPID;
    }

    @Override
    public String branchName(String gid, String db) {
        return xid(gid, db);
    }

    private static String xid(String gid, String db) {
        return "'" + gid + "','" + db + "'," + Gid.FORMAT_ID;
    }

    static boolean olderThan(String version, int major, int minor) {
        String[] parts = version.split("[.-]");
        try {
            int actualMajor = Integer.parseInt(parts[0]);
            int actualMinor = Integer.parseInt(parts[1]);
            return actualMajor < major || (actualMajor == major && actualMinor < minor);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
