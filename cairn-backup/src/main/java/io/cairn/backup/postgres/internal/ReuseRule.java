package io.cairn.backup.postgres.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which files a differential or incremental backup may take from its parent backup
 * without reading them (pgBackRest's rule). The repository then also requires the parent's
 * entry to have the same size and modification time.
 *
 * <p>Why it is safe: the parent read each file after its own start. A file last modified
 * before {@code parent start - margin} was therefore read by the parent with its final content;
 * any later write changes its mtime (or size) and makes it be read again. Writes after this
 * backup's start need no care: WAL replay from this backup's start LSN redoes them. The margin
 * covers coarse mtime granularity and small clock steps between the server (which reports the
 * start time) and the file system.
 *
 * <p>Never reused: {@code global/pg_control} (written in place by every checkpoint, and the
 * file recovery starts from) and files the backup writes itself (backup_label,
 * tablespace_map, the manifest; those are added as text, never through here).
 */
final class ReuseRule {
    private static final Set<String> NEVER_REUSED = Set.of(DataDirectoryScanner.DATA_PREFIX + "/global/pg_control",
            DataDirectoryScanner.DATA_PREFIX + "/backup_label", DataDirectoryScanner.DATA_PREFIX + "/tablespace_map",
            BackupManifest.PATH);

    private final Optional<Instant> before;

    private ReuseRule(Optional<Instant> before) {
        this.before = before;
    }

    /** No parent (full backup): every file is read. */
    static ReuseRule none() {
        return new ReuseRule(Optional.empty());
    }

    /** Files last modified strictly before {@code parentStart - margin} may be reused. */
    static ReuseRule after(Instant parentStart, Duration margin) {
        return new ReuseRule(Optional.of(parentStart.minus(margin)));
    }

    boolean mayReuse(SourceEntry entry) {
        return before.isPresent() && entry.type() == SourceEntry.Type.FILE
                && !NEVER_REUSED.contains(entry.snapshotPath())
                && entry.metadata().mtime().isBefore(before.get());
    }
}
