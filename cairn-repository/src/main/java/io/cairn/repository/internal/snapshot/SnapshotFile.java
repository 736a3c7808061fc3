package io.cairn.repository.internal.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * The sealed JSON in {@code snapshots/<id>}. It is written last, after the packs and index
 * files it depends on are durable, so a visible snapshot is always complete.
 *
 * @param source describes what was backed up: {@code files}, {@code stream}, or what a later
 *               module sets (e.g. {@code postgresql:main})
 * @param parent id of the snapshot used to skip unchanged files, or null
 * @param tree   id of the root tree blob
 */
public record SnapshotFile(int version, Instant time, String host, String user, List<String> tags,
        List<String> paths, String source, String parent, String tree, Summary summary) {
    public static final int VERSION = 1;

    /** Sizes, as counted while the snapshot was written. */
    public record Summary(long files, long directories, long bytes, long dataAdded, long dataAddedStored,
            long blobsAdded, long durationMillis) {
    }
}
