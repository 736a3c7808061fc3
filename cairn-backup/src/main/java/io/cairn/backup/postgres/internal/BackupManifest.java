package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.CorruptPage;
import io.cairn.backup.postgres.Lsn;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The description of one base backup, stored inside its snapshot as {@code .cairn/manifest.json}
 * so that the snapshot alone says how to restore it.
 *
 * @param tablespaces oid → original location
 * @param walStart    the first WAL segment recovery needs
 * @param walStop     the segment holding the stop LSN: recovery is consistent once it has replayed it
 * @param filesReused files (of {@code files}) taken from the parent backup without reading; 0 in older manifests
 * @param bytesReused their size
 */
public record BackupManifest(int format, String db, String type, String parent, Lsn startLsn, Lsn stopLsn,
        int timeline, Instant startTime, Instant stopTime, long startNextXid, long stopNextXid, String serverVersion,
        int serverVersionNumber, String systemIdentifier, long walSegmentSize, int blockSize, boolean dataChecksums,
        String walStart, String walStop, Map<String, String> tablespaces, int pagesPerChunk, long files, long bytes,
        List<CorruptPage> corruptPages, String label, long filesReused, long bytesReused) {
    public static final int FORMAT = 1;
    public static final String PATH = ".cairn/manifest.json";
}
