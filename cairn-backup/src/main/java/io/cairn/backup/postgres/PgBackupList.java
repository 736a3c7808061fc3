package io.cairn.backup.postgres;

import java.util.List;

/**
 * {@code cairn pg backups}: the backups of one database, oldest first, and the archived WAL.
 *
 * @param timeline the newest timeline in the archive; windows follow its lineage
 * @param wal      gap-free runs of archived WAL; more than one means a gap (WAL lost) between them
 */
public record PgBackupList(String db, String repository, int timeline, List<PgBackupInfo> backups,
        List<WalRange> wal) {
}
