package io.cairn.backup.postgres;

import io.cairn.repository.SnapshotInfo;
import io.cairn.repository.SnapshotTags;
import java.util.Optional;

/**
 * How this module's snapshots look in a repository, for the module itself (which writes them) and
 * for anyone listing a repository (the agent, a dashboard): a base backup of database {@code db}
 * is a snapshot of source {@code postgresql:<db>} tagged {@value #BASE_BACKUP_TAG}; archived WAL is
 * stored as snapshots of source {@code postgresql-wal:<db>} tagged {@value #WAL_TAG}. Both also
 * carry {@link SnapshotTags#database(String) db:<db>}. Other tags they carry ({@code type:},
 * {@code system:}, {@code segsize:}, …) are this module's own business.
 */
public final class PgSnapshots {
    /** The tag of every base backup snapshot. */
    public static final String BASE_BACKUP_TAG = "pg-backup";
    /** The tag of every archived-WAL snapshot. */
    public static final String WAL_TAG = "pg-wal";
    private static final String BASE_BACKUP_SOURCE = "postgresql:";
    private static final String WAL_SOURCE = "postgresql-wal:";

    private PgSnapshots() {
    }

    /** The source of the base backups of {@code db}: {@code postgresql:<db>}. */
    public static String baseBackupSource(String db) {
        return BASE_BACKUP_SOURCE + db;
    }

    /** The source of the archived WAL of {@code db}: {@code postgresql-wal:<db>}. */
    public static String walSource(String db) {
        return WAL_SOURCE + db;
    }

    /** Whether the snapshot is a PostgreSQL base backup. */
    public static boolean isBaseBackup(SnapshotInfo snapshot) {
        return snapshot.source().startsWith(BASE_BACKUP_SOURCE) && snapshot.tags().contains(BASE_BACKUP_TAG);
    }

    /** Whether the snapshot holds archived WAL (one per store: a batch of segments or a piece of one). */
    public static boolean isWal(SnapshotInfo snapshot) {
        return snapshot.source().startsWith(WAL_SOURCE) && snapshot.tags().contains(WAL_TAG);
    }

    /**
     * The database a base backup or WAL snapshot belongs to, read from its source (which is what
     * this module lists them by); empty for any other snapshot.
     */
    public static Optional<String> database(SnapshotInfo snapshot) {
        if (isBaseBackup(snapshot)) {
            return Optional.of(snapshot.source().substring(BASE_BACKUP_SOURCE.length()));
        }
        if (isWal(snapshot)) {
            return Optional.of(snapshot.source().substring(WAL_SOURCE.length()));
        }
        return Optional.empty();
    }
}
