package io.cairn.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot as listed by {@link Repository#snapshots()}.
 *
 * @param id       64 hex digits; {@code shortId} is its first 8
 * @param paths    what was backed up (absolute paths for file backups, names for streams)
 * @param source   {@code files}, {@code stream}, or a database source set by later modules
 * @param parent   the snapshot used to detect unchanged files, if any
 * @param files    regular files in the snapshot
 * @param bytes    total size of those files
 * @param dataAdded bytes of new content this snapshot added (before compression)
 * @param dataAddedStored the same after compression and encryption
 */
public record SnapshotInfo(String id, String shortId, Instant time, String host, String user, List<String> tags,
        List<String> paths, String source, Optional<String> parent, long files, long directories, long bytes,
        long dataAdded, long dataAddedStored) {
}
