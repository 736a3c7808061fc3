package io.cairn.backup.postgres.internal;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One entry of a base backup: where it is on disk and where it goes in the snapshot.
 *
 * @param snapshotPath  e.g. {@code pgdata/base/5/16384} or {@code tablespaces/16390/PG_15_.../5/16391}
 * @param relationBlock for relation data files (page checksums verifiable), the block number of the file's
 *                      first page within its relation
 * @param size          the file's size when scanned (0 for directories and symlinks)
 */
public record SourceEntry(String snapshotPath, Path file, Type type, RepositoryGateway.Entry metadata,
        Optional<String> linkTarget, Optional<Long> relationBlock, long size) {

    /** What kind of file system entry it is. */
    public enum Type { DIRECTORY, FILE, SYMLINK }
}
