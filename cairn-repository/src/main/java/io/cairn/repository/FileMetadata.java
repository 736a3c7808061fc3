package io.cairn.repository;

import java.time.Instant;
import java.util.Optional;

/**
 * Metadata of an entry added through a {@link SnapshotBuilder}.
 *
 * @param mode  permission bits (e.g. 0644, setuid/setgid/sticky included)
 * @param mtime modification time to restore
 * @param uid   owner to restore when running as root, if known
 * @param gid   group likewise
 */
public record FileMetadata(int mode, Instant mtime, Optional<Integer> uid, Optional<Integer> gid) {

    public FileMetadata {
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " has bits beyond 07777");
        }
    }

    public static FileMetadata of(int mode, Instant mtime) {
        return new FileMetadata(mode, mtime, Optional.empty(), Optional.empty());
    }
}
