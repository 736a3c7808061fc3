package io.cairn.backup.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link PostgresBackups#expire} kept and removed (with dry run: would remove).
 *
 * @param kept                the backups kept, oldest first, each with the rules that kept it
 * @param removed             the backups removed, oldest first (their reasons are empty)
 * @param walKeptFrom         the first WAL segment kept: the one holding the oldest kept backup's start
 *                            (empty when there are no backups: then no WAL is touched)
 * @param walCut              that backup's start LSN; archived WAL wholly before it was removed
 * @param walSnapshotsRemoved WAL stores (snapshots) removed
 * @param walFilesRemoved     WAL files (segments, partial pieces, .backup files) in those stores
 * @param walBytesRemoved     their size before deduplication and compression
 * @param firstWalRemoved     the lowest-named WAL file removed
 * @param lastWalRemoved      the highest-named WAL file removed
 * @param pruned              the repository was pruned afterwards
 * @param bytesFreed          storage bytes prune released (0 when not pruned)
 * @param restorableFrom      the new start of the restore window: the oldest kept backup's stop time
 * @param notes               what the caller should know (nothing to do, prune skipped, ...)
 */
public record PgExpireResult(String db, String repository, boolean dryRun, List<Backup> kept, List<Backup> removed,
        Optional<String> walKeptFrom, Optional<Lsn> walCut, int walSnapshotsRemoved, int walFilesRemoved,
        long walBytesRemoved, Optional<String> firstWalRemoved, Optional<String> lastWalRemoved, boolean pruned,
        long bytesFreed, Optional<Instant> restorableFrom, List<String> notes, Duration duration) {

    public PgExpireResult {
        kept = List.copyOf(kept);
        removed = List.copyOf(removed);
        notes = List.copyOf(notes);
    }

    /** One base backup and why it is kept (empty reasons: removed). */
    public record Backup(String backupId, String shortId, String type, Instant stopTime, Lsn startLsn,
            String walStart, List<String> reasons) {
        public Backup {
            reasons = List.copyOf(reasons);
        }
    }
}
