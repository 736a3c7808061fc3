package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts and stops a non-exclusive base backup on one held connection: {@code pg_backup_start}
 * / {@code pg_backup_stop} on PostgreSQL 15+, {@code pg_start_backup(label, fast, false)} /
 * {@code pg_stop_backup(false, false)} on 13 and 14. The server aborts a non-exclusive backup
 * when its session ends, so the connection must stay open from start to stop. Stop does not
 * wait for archiving: Cairn checks the repository for the WAL itself.
 */
public final class BackupControl {
    private static final Pattern TIMELINE = Pattern.compile("START TIMELINE: (\\d+)");

    private final Connection connection;
    private final int major;
    private final String db;

    /** What pg_backup_stop returned, with the server's clock at stop. */
    public record Stop(Lsn lsn, String backupLabel, Optional<String> tablespaceMap, Instant time, long nextXid) {
        /** The timeline the backup started on, from backup_label (PostgreSQL 11+ writes it). */
        public int timeline() {
            Matcher matcher = TIMELINE.matcher(backupLabel);
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 1;
        }
    }

    /** The start LSN, the server's clock at start and the next transaction id. */
    public record Start(Lsn lsn, Instant time, long nextXid) {
    }

    public BackupControl(Connection connection, int major, String db) {
        this.connection = connection;
        this.major = major;
        this.db = db;
    }

    public Start start(String label) {
        String sql = major >= 15 ? "SELECT pg_backup_start(?, true)::text" : "SELECT pg_start_backup(?, true, false)::text";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, label);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                Lsn lsn = Lsn.parse(row.getString(1));
                return new Start(lsn, serverTime(), nextXid());
            }
        } catch (SQLException e) {
            throw failure("starting the backup", e);
        }
    }

    public Stop stop() {
        String sql = major >= 15 ? "SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)"
                : "SELECT lsn::text, labelfile, spcmapfile FROM pg_stop_backup(false, false)";
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            Lsn lsn = Lsn.parse(row.getString(1));
            String label = row.getString(2);
            String map = row.getString(3);
            return new Stop(lsn, label, map == null || map.isBlank() ? Optional.empty() : Optional.of(map), serverTime(),
                    nextXid());
        } catch (SQLException e) {
            throw failure("stopping the backup", e);
        }
    }

    /** Ends the current WAL segment so that archive_command archives it; false when not permitted. */
    public boolean switchWal() {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_switch_wal()");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private Instant serverTime() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT extract(epoch FROM clock_timestamp())::numeric(20,6)::text")) {
            row.next();
            java.math.BigDecimal seconds = new java.math.BigDecimal(row.getString(1));
            long whole = seconds.longValue();
            long nanos = seconds.subtract(java.math.BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        }
    }

    private long nextXid() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT txid_snapshot_xmax(txid_current_snapshot())")) {
            row.next();
            return row.getLong(1);
        }
    }

    private CairnException failure(String what, SQLException e) {
        String message = String.valueOf(e.getMessage());
        if ("42501".equals(e.getSQLState())) {
            return new CairnException(ErrorCode.PERMISSION_DENIED, "database '" + db + "': " + what
                    + " was refused: grant the backup functions (e.g. GRANT pg_checkpoint and EXECUTE on pg_backup_start/"
                    + "pg_backup_stop) or use a superuser", e);
        }
        if (message.contains("WAL level not sufficient")) {
            return new CairnException(ErrorCode.PRECONDITION, "database '" + db + "': wal_level is too low for a backup:"
                    + " set wal_level = replica and restart the server", e);
        }
        return new CairnException(ErrorCode.DATABASE_ERROR, "database '" + db + "': " + what + " failed: " + message, e);
    }
}
