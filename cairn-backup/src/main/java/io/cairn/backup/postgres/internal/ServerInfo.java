package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a backup needs to know about a running server, read in one round trip, plus the checks
 * that turn a server that cannot be backed up into a clear error before anything is copied.
 */
public record ServerInfo(int versionNumber, String version, String systemIdentifier, String walLevel,
        boolean dataChecksums, Path dataDirectory, long walSegmentSize, int blockSize, long relationSegmentBlocks,
        int catalogVersion, boolean superuser, Lsn currentLsn, int timeline) {

    private static final String QUERY = """
            SELECT current_setting('server_version_num')::int, current_setting('server_version'),
                   (SELECT system_identifier::text FROM pg_control_system()),
                   current_setting('wal_level'), current_setting('data_checksums'),
                   current_setting('data_directory'),
                   (SELECT setting::bigint * CASE unit WHEN 'B' THEN 1 WHEN 'kB' THEN 1024 WHEN 'MB' THEN 1048576 ELSE 1 END
                      FROM pg_settings WHERE name = 'wal_segment_size'),
                   current_setting('block_size')::int,
                   (SELECT setting::bigint FROM pg_settings WHERE name = 'segment_size'),
                   (SELECT catalog_version_no FROM pg_control_system()),
                   (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
                   pg_current_wal_lsn()::text,
                   (SELECT timeline_id FROM pg_control_checkpoint())
            """;

    public static ServerInfo read(Connection connection, String db) {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(QUERY)) {
            row.next();
            return new ServerInfo(row.getInt(1), row.getString(2), row.getString(3), row.getString(4),
                    "on".equals(row.getString(5)), Path.of(row.getString(6)), row.getLong(7), row.getInt(8),
                    row.getLong(9), row.getInt(10), row.getBoolean(11), Lsn.parse(row.getString(12)), row.getInt(13));
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("recovery is in progress")) {
                throw new CairnException(ErrorCode.PRECONDITION, "database '" + db
                        + "' is a standby (in recovery): take backups from the primary", e);
            }
            throw new CairnException(ErrorCode.DATABASE_ERROR, "database '" + db + "': reading server settings failed: "
                    + e.getMessage(), e);
        }
    }

    public int major() {
        return versionNumber / 10000;
    }

    /** The tablespace subdirectory of this version, e.g. {@code PG_15_202209061}. */
    public String tablespaceVersionDirectory() {
        return "PG_" + major() + "_" + catalogVersion;
    }

    /** Fails unless this server can take a physical backup and archive WAL. */
    public void requireBackupCapable(String db) {
        if (major() < 13) {
            throw new CairnException(ErrorCode.MISSING_DEPENDENCY, "database '" + db + "' runs PostgreSQL " + version
                    + "; physical backups need PostgreSQL 13 or newer");
        }
        if ("minimal".equals(walLevel)) {
            throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "' has wal_level = minimal, too low"
                    + " for physical backups and WAL archiving: set wal_level = replica in postgresql.conf and restart"
                    + " the server");
        }
    }
}
