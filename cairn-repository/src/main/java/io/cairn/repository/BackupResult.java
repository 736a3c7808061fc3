package io.cairn.repository;

import java.time.Duration;
import java.util.List;

/**
 * What a backup did.
 *
 * @param snapshotId      the new snapshot (64 hex digits)
 * @param filesNew        files not in the parent snapshot
 * @param filesChanged    files whose metadata differed from the parent, so they were read
 * @param filesUnchanged  files skipped because the parent had identical metadata (for a
 *                        {@link SnapshotBuilder}: those taken with {@code addFromParent})
 * @param bytesRead       bytes actually read and chunked ({@code bytes - bytesRead} were reused from the parent)
 * @param bytes           total size of the files in the snapshot
 * @param dataAdded       bytes of new, not-yet-stored chunks (before compression)
 * @param dataAddedStored what those chunks took in the repository (compressed, encrypted)
 * @param blobsAdded      new blobs (data and tree)
 * @param packsAdopted    packs left by an interrupted backup that this backup indexed and reused
 * @param warnings        files that could not be read (the snapshot is then incomplete for them)
 */
public record BackupResult(String snapshotId, String shortId, List<String> paths, long files, long directories,
        long filesNew, long filesChanged, long filesUnchanged, long bytesRead, long bytes, long dataAdded,
        long dataAddedStored, long blobsAdded, int packsAdopted, Duration duration, List<String> warnings) {
}
