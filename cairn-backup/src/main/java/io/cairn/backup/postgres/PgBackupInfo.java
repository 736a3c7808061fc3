package io.cairn.backup.postgres;

import java.time.Instant;
import java.util.Optional;

/**
 * One backup in {@code cairn pg backups}, with its restore window: it can restore any point from
 * its stop (when it became consistent) to where the archived WAL after it first has a gap.
 *
 * @param restorableFrom    the earliest time this backup restores to (its stop time)
 * @param restorableUntil   the time of the newest gap-free WAL after it (empty: no WAL beyond the backup's own)
 * @param restorableUntilLsn the WAL position the window ends at
 */
public record PgBackupInfo(String backupId, String shortId, String type, Optional<String> parent, Lsn startLsn,
        Lsn stopLsn, int timeline, Instant startTime, Instant stopTime, String serverVersion, long bytes,
        long bytesAdded, long bytesAddedStored, int corruptPages, String walStart, String walStop,
        Instant restorableFrom, Optional<Instant> restorableUntil, Lsn restorableUntilLsn) {
}
