package io.cairn.backup.postgres;

import io.cairn.backup.BackupType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code cairn pg backup} did.
 *
 * @param backupId          the snapshot holding the backup (64 hex digits); {@code shortId} its first 8
 * @param parent            the backup this one is recorded against (diff: newest full; incr: newest backup)
 * @param files             files stored (data directory and tablespaces)
 * @param bytes             their total size
 * @param filesReused       diff/incr: files taken from the parent backup without reading them (same size and
 *                          mtime, last written well before the parent started); included in {@code files}
 * @param bytesReused       their size, included in {@code bytes}
 * @param bytesAdded        bytes of content the repository did not hold yet (before compression)
 * @param bytesAddedStored  what that content takes in the repository (compressed, encrypted)
 * @param pagesVerified     data pages whose checksum was compared (0 when the cluster has no checksums)
 * @param corruptPages      pages whose checksum did not match; the backup is still stored
 * @param packsAdopted      packs left in the repository by an interrupted backup that this one indexed and reused
 * @param walFilesCopied    WAL segments the backup read from pg_wal because they were not archived yet
 */
public record PgBackupResult(String db, String backupId, String shortId, BackupType type, Optional<String> parent,
        Lsn startLsn, Lsn stopLsn, int timeline, Instant startTime, Instant stopTime, String serverVersion,
        String systemIdentifier, long files, long bytes, long filesReused, long bytesReused, long bytesAdded,
        long bytesAddedStored, long pagesVerified, List<CorruptPage> corruptPages, int packsAdopted, int walFilesCopied,
        Duration duration, List<String> warnings) {
}
